package io.regiongate.flow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.audit.AuditTrailHealth;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.HazelcastConfig;
import io.regiongate.config.HazelcastMode;
import io.regiongate.config.PeerConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.config.UpstreamType;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.probe.TargetProbes;
import io.regiongate.quota.QuotaStoreHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness says whether this region can serve, and why not. */
class HealthReportReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> ZONES = Map.of("eu", List.of("eu-west-1", "eu-central-1"),
            "us", List.of("us-east-1"));

    private final TargetProbes probes = new TargetProbes(1, 1);

    private static GatewayConfig config(List<PeerConfig> peers, String onUnavailable) {
        return new GatewayConfig("eu-west-1", null, ZONES,
                List.of(new UpstreamConfig("eu-a", "eu-west-1", UpstreamType.OPENAI, "http://127.0.0.1:1/v1", null,
                        List.of("gpt-4o"), null, null, null, null, null, null)),
                peers, null, null,
                new HazelcastConfig(HazelcastMode.EMBEDDED, null, null, null, null, onUnavailable, null), null, "test");
    }

    private static QuotaStoreHealth quota(String state) {
        return new QuotaStoreHealth() {
            public String mode() {
                return "embedded";
            }

            public String clusterName() {
                return "regiongate-eu-west-1";
            }

            public String state() {
                return state;
            }

            public int members() {
                return 1;
            }
        };
    }

    private static JsonNode body(HealthReport.Answer answer) throws Exception {
        return JSON.readTree(answer.json());
    }

    @Test
    void aLocalUpstreamWhoseProbesFailMakesTheRegionNotReadyNamingWhy() throws Exception {
        GatewayConfig config = config(List.of(), null);
        HealthReport report = new HealthReport(config, new UpstreamBreakers(config), probes, quota("up"));
        assertThat(report.ready().status()).isEqualTo(200);

        probes.of("eu-a").failed();

        HealthReport.Answer ready = report.ready();
        assertThat(ready.status()).isEqualTo(503);
        assertThat(body(ready).path("reason").asText()).contains("no upstream in eu-west-1 can serve");
        assertThat(body(ready).path("upstreams").get(0).path("probe").asText()).isEqualTo("unhealthy");
    }

    @Test
    void anAuditTrailThatCannotWriteOrWhoseSpoolIsOverItsLimitMakesTheRegionNotReady() throws Exception {
        GatewayConfig config = config(List.of(), null);
        long limit = config.audit().maxBacklogBytes();
        AuditTrailHealth[] audit = {new AuditTrailHealth(limit, false, 10, 2, 0, null)};
        HealthReport report = new HealthReport(config, new UpstreamBreakers(config), probes, quota("up"), () -> audit[0]);
        assertThat(report.ready().status()).as("a backlog at the limit").isEqualTo(200);

        audit[0] = new AuditTrailHealth(limit + 1, false, 10, 3, 0, null);
        HealthReport.Answer overLimit = report.ready();
        audit[0] = new AuditTrailHealth(0, true, 10, 3, 0, null);
        HealthReport.Answer failing = report.ready();

        assertThat(overLimit.status()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(overLimit.json()).path("reason").asText())
                .contains("above audit.max-backlog-bytes " + limit);
        assertThat(failing.status()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(failing.json()).path("reason").asText())
                .contains("the audit trail cannot take records");
    }

    @Test
    void theApiListenersViewTellsStatusAndRegionOnlyNeverClusterNamesNorPeerUrls() throws Exception {
        GatewayConfig config = config(List.of(new PeerConfig("eu-central-1", "http://peer.internal:2")), "fail-closed");
        HealthReport report = new HealthReport(config, new UpstreamBreakers(config), probes, quota("down"));
        HealthReport.Answer detailed = report.ready();

        HealthReport.Answer brief = detailed.withoutDetails();

        assertThat(detailed.json()).contains("peer.internal").contains("\"hazelcast\"");
        assertThat(brief.status()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(brief.json()).properties())
                .extracting(Map.Entry::getKey).containsExactly("status", "region");
        assertThat(brief.json()).isEqualTo("{\"status\":\"not-ready\",\"region\":\"eu-west-1\"}");
    }

    @Test
    void aUsablePeerOfTheSameZoneKeepsTheRegionReadyButOneOfAnotherZoneDoesNot() {
        GatewayConfig sameZone = config(List.of(new PeerConfig("eu-central-1", "http://127.0.0.1:2")), null);
        GatewayConfig otherZone = config(List.of(new PeerConfig("us-east-1", "http://127.0.0.1:3")), null);
        probes.of("eu-a").failed();

        assertThat(new HealthReport(sameZone, new UpstreamBreakers(sameZone), probes, null).ready().status()).isEqualTo(200);
        assertThat(new HealthReport(sameZone, new UpstreamBreakers(sameZone), probes, null).readyLocally().status())
                .as("peers probe each other locally: no two dead regions keep each other ready").isEqualTo(503);
        assertThat(new HealthReport(otherZone, new UpstreamBreakers(otherZone), probes, null).ready().status()).isEqualTo(503);
    }

    @Test
    void anUnreachableQuotaClusterUnderFailClosedMakesTheRegionNotReadyButNotUnderFailOpen() throws Exception {
        GatewayConfig closed = config(List.of(), "fail-closed");
        GatewayConfig open = config(List.of(), "fail-open");

        HealthReport.Answer failClosed = new HealthReport(closed, new UpstreamBreakers(closed), probes, quota("down")).ready();

        assertThat(failClosed.status()).isEqualTo(503);
        assertThat(body(failClosed).path("reason").asText()).contains("quota cluster regiongate-eu-west-1");
        assertThat(new HealthReport(open, new UpstreamBreakers(open), probes, quota("down")).ready().status()).isEqualTo(200);
    }
}
