package io.regiongate.flow.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.regiongate.audit.AuditTrailHealth;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.PeerConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.probe.TargetProbes;
import io.regiongate.quota.QuotaStoreHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What {@code /health/live} and {@code /health/ready} answer. Ready names the region, the
 * circuit-breaker and probe state of each upstream and peer, and the quota cluster's state; it is
 * 503 {@code not-ready}, naming each reason, when this region cannot serve:
 * <ul>
 *   <li>no local upstream can serve (its breaker open, or its probes failing) and no peer of this
 *       region's zone can (a peer of another zone serves only tenants allowed to cross borders);</li>
 *   <li>the quota cluster is unreachable and {@code hazelcast.on-unavailable} is {@code fail-closed}
 *       (every request would get 503 {@code quota_unavailable});</li>
 *   <li>the audit trail cannot take records: its last record could be neither delivered nor
 *       written to disk, or what waits in its spool is above {@code audit.max-backlog-bytes}.</li>
 * </ul>
 * The {@linkplain #readyLocally() local} readiness leaves peers out: peers probe each other on it,
 * so that two regions whose upstreams are all down cannot keep each other ready. Cheap and
 * non-blocking, so it can be answered on an event loop.
 */
public final class HealthReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and a JSON body. */
    public record Answer(int status, String json) {

        /**
         * The same status, and of the body only {@code status} and {@code region}: what the API
         * listener tells anyone who asks (cluster names, member counts, peer URLs are for the admin
         * listener).
         */
        public Answer withoutDetails() {
            try {
                JsonNode body = JSON.readTree(json);
                return new Answer(status, JSON.createObjectNode().put("status", body.path("status").asText())
                        .put("region", body.path("region").asText()).toString());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a health answer is JSON", e);
            }
        }
    }

    private final GatewayConfig config;
    private final Supplier<List<UpstreamConfig>> localUpstreams;
    private final UpstreamBreakers breakers;
    private final TargetProbes probes;
    private final QuotaStoreHealth quotaStore;
    private final Supplier<AuditTrailHealth> auditTrail;

    /** @param quotaStore the quota cluster's health, or null when there is none to report */
    public HealthReport(GatewayConfig config, UpstreamBreakers breakers, TargetProbes probes,
                        QuotaStoreHealth quotaStore) {
        this(config, breakers, probes, quotaStore, null);
    }

    /** @param auditTrail the audit trail writer's health, or null when there is none to report */
    public HealthReport(GatewayConfig config, UpstreamBreakers breakers, TargetProbes probes,
                        QuotaStoreHealth quotaStore, Supplier<AuditTrailHealth> auditTrail) {
        this(config, config::localUpstreams, breakers, probes, quotaStore, auditTrail);
    }

    /** @param localUpstreams this region's upstreams as configured now (a reload may change them) */
    public HealthReport(GatewayConfig config, Supplier<List<UpstreamConfig>> localUpstreams, UpstreamBreakers breakers,
                        TargetProbes probes, QuotaStoreHealth quotaStore, Supplier<AuditTrailHealth> auditTrail) {
        this.config = config;
        this.localUpstreams = localUpstreams;
        this.breakers = breakers;
        this.probes = probes;
        this.quotaStore = quotaStore;
        this.auditTrail = auditTrail;
    }

    public Answer live() {
        return new Answer(200, JSON.createObjectNode().put("status", "up").put("region", config.region()).toString());
    }

    public Answer ready() {
        return ready(true);
    }

    /** Readiness from this region's own upstreams and quota cluster only, for peers' probes. */
    public Answer readyLocally() {
        return ready(false);
    }

    private Answer ready(boolean countPeers) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "ready");
        body.put("region", config.region());
        String zone = config.zoneOf(config.region()).orElse(null);
        body.put("zone", zone);
        boolean upstreamReady = describeUpstreams(body.putArray("upstreams"));
        boolean zonePeerReady = describePeers(body.putArray("peers"), zone) && countPeers;
        describeQuotaStore(body);
        List<String> reasons = new ArrayList<>();
        if (!upstreamReady && !zonePeerReady) {
            reasons.add("no upstream in " + config.region() + " can serve (breaker open or probes failing)"
                    + (countPeers ? " and no peer of zone " + zone + " can" : ""));
        }
        if (quotaStore != null && !config.hazelcast().failOpen() && !"up".equals(quotaStore.state())) {
            reasons.add("the quota cluster " + quotaStore.clusterName()
                    + " is unreachable and hazelcast.on-unavailable is fail-closed");
        }
        describeAuditTrail(body, reasons);
        if (reasons.isEmpty()) {
            return new Answer(200, body.toString());
        }
        body.put("status", "not-ready");
        body.put("reason", String.join("; ", reasons));
        body.set("reasons", JSON.valueToTree(reasons));
        return new Answer(503, body.toString());
    }

    private boolean describeUpstreams(ArrayNode upstreams) {
        boolean ready = false;
        for (UpstreamConfig upstream : localUpstreams.get()) {
            CircuitBreaker.State state = breakers.of(upstream.id()).getState();
            ready |= (state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN)
                    && probes.healthy(upstream.id());
            ObjectNode node = upstreams.addObject();
            node.put("id", upstream.id());
            node.put("region", upstream.region());
            node.put("type", upstream.type().name().toLowerCase(Locale.ROOT));
            node.set("models", JSON.valueToTree(upstream.models()));
            node.put("breaker", name(state));
            node.put("probe", probes.of(upstream.id()).word());
        }
        return ready;
    }

    /** @return whether a peer of {@code zone} can serve (breaker not open, probes passing) */
    private boolean describePeers(ArrayNode peers, String zone) {
        boolean zonePeerReady = false;
        for (PeerConfig peer : config.peers()) {
            String id = DispatchTarget.peerId(peer.region());
            CircuitBreaker.State state = breakers.of(id).getState();
            boolean usable = state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN
                    && probes.healthy(id);
            zonePeerReady |= usable && zone != null && zone.equals(config.zoneOf(peer.region()).orElse(null));
            peers.addObject().put("region", peer.region()).put("url", peer.url())
                    .put("breaker", name(state)).put("probe", probes.of(id).word());
        }
        return zonePeerReady;
    }

    private void describeAuditTrail(ObjectNode body, List<String> reasons) {
        if (auditTrail == null) {
            return;
        }
        AuditTrailHealth audit = auditTrail.get();
        long limit = config.audit().maxBacklogBytes();
        ObjectNode node = body.putObject("audit").put("backlog-bytes", audit.backlogBytes()).put("max-backlog-bytes", limit)
                .put("write-failing", audit.writeFailing());
        if (audit.oldestPendingAt() != null) {
            node.put("oldest-pending-at", audit.oldestPendingAt().toString());
        }
        if (audit.writeFailing()) {
            reasons.add("the audit trail cannot take records: the last could be neither delivered nor written to disk");
        }
        if (audit.backlogBytes() > limit) {
            reasons.add("the audit spool holds " + audit.backlogBytes() + " bytes not yet delivered, above "
                    + "audit.max-backlog-bytes " + limit);
        }
    }

    private void describeQuotaStore(ObjectNode body) {
        if (quotaStore == null) {
            return;
        }
        body.putObject("hazelcast")
                .put("mode", quotaStore.mode())
                .put("cluster", quotaStore.clusterName())
                .put("state", quotaStore.state())
                .put("members", quotaStore.members())
                .put("on-unavailable", config.hazelcast().onUnavailable());
    }

    private static String name(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
