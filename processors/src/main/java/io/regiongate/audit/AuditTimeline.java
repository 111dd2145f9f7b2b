package io.regiongate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One timeline of requests from several regions' trails: each trail's chain checked on its own
 * ({@link AuditTrailVerifier}), then every request once, ordered by arrival, a forward joined to
 * the serving region's record by the ids both records name ({@code forwarded_to} on the arrival
 * side, {@code forwarded_by} on the serving side). Only ids, regions, statuses and hops are read and
 * printed: no content and no content hash is needed, so the trails may stay where they are.
 */
public final class AuditTimeline {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request's record, as far as the timeline needs it. */
    private record Entry(String trail, String requestId, String receivedAt, String arrivalRegion, String servingRegion,
                         String tenant, String model, int status, String completion, List<String> hops,
                         String forwardedByRegion, String forwardedById, String forwardedToRegion, String forwardedToId) {
    }

    /** The rendered timeline and whether every chain verified and every forward found both its records. */
    public record Report(boolean ok, String text) {
    }

    private final Map<String, AuditTrailVerifier> trails = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final java.util.function.Supplier<AuditTrailVerifier> verifiers;

    /** Checks plain chains (keyed ones cannot be checked without their keys). */
    public AuditTimeline() {
        this(AuditTrailVerifier::new);
    }

    /** @param verifiers a verifier for each trail, with the keys its chains need */
    public AuditTimeline(java.util.function.Supplier<AuditTrailVerifier> verifiers) {
        this.verifiers = verifiers;
    }

    /** One line of trail {@code trail}; {@code location} names where in it (file:line, partition@offset). */
    public void accept(String trail, String location, String json) {
        trails.computeIfAbsent(trail, name -> verifiers.get()).accept(location, json);
        JsonNode record;
        try {
            record = JSON.readTree(json);
        } catch (Exception e) {
            return; // reported by the trail's verifier as unreadable
        }
        if (record == null || !record.isObject() || record.has("kind") || !record.hasNonNull("request_id")) {
            return;
        }
        List<String> hops = new ArrayList<>();
        record.path("failover_hops").forEach(hop -> hops.add(hop.asText()));
        entries.add(new Entry(trail, record.path("request_id").asText(), record.path("received_at").asText(),
                text(record, "arrival_region"), text(record, "serving_region"), text(record, "tenant"),
                text(record, "model"), record.path("status").asInt(), text(record, "completion"), hops,
                text(record.path("forwarded_by"), "region"), text(record.path("forwarded_by"), "request_id"),
                text(record.path("forwarded_to"), "region"), text(record.path("forwarded_to"), "request_id")));
    }

    public Report report() {
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        for (Map.Entry<String, AuditTrailVerifier> trail : trails.entrySet()) {
            AuditTrailReport verified = trail.getValue().report();
            ok &= verified.ok();
            out.append("trail ").append(trail.getKey()).append(": ").append(verified.render().strip().replace("\n", "\n  "))
                    .append('\n');
        }
        Map<String, Entry> servedFor = new HashMap<>();
        Set<String> arrivals = new HashSet<>();
        for (Entry entry : entries) {
            if (entry.forwardedById() != null) {
                servedFor.put(entry.forwardedByRegion() + "/" + entry.forwardedById(), entry);
            } else {
                arrivals.add(entry.arrivalRegion() + "/" + entry.requestId());
            }
        }
        int joined = 0;
        int unmatched = 0;
        List<Entry> ordered = entries.stream().sorted(Comparator.comparing(Entry::receivedAt)).toList();
        for (Entry entry : ordered) {
            if (entry.forwardedById() != null) {
                if (arrivals.contains(entry.forwardedByRegion() + "/" + entry.forwardedById())) {
                    continue; // printed with its arrival record
                }
                unmatched++;
                out.append(line(entry)).append("  served for ").append(entry.forwardedByRegion()).append(' ')
                        .append(entry.forwardedById()).append(", whose record is not in the trails given\n");
                continue;
            }
            StringBuilder line = new StringBuilder(line(entry));
            if (entry.forwardedToId() != null) {
                Entry served = servedFor.get(entry.arrivalRegion() + "/" + entry.requestId());
                if (served != null && entry.forwardedToId().equals(served.requestId())) {
                    joined++;
                    line.append("  -> ").append(served.arrivalRegion()).append(' ').append(served.requestId())
                            .append(' ').append(served.status()).append(' ').append(served.completion())
                            .append(" upstream ").append(served.servingRegion());
                } else {
                    unmatched++;
                    line.append("  -> ").append(entry.forwardedToRegion()).append(' ').append(entry.forwardedToId())
                            .append(", whose record is not in the trails given");
                }
            }
            out.append(line).append('\n');
        }
        ok &= unmatched == 0;
        out.append(ok ? "OK" : "FAILED").append(": ").append(entries.size() - joined).append(" requests, ").append(joined)
                .append(" served in another region and joined, ").append(unmatched).append(" forwards missing a record\n");
        return new Report(ok, out.toString());
    }

    private static String line(Entry entry) {
        return String.join("  ", entry.receivedAt(), entry.arrivalRegion(), entry.requestId(),
                String.valueOf(entry.tenant()), String.valueOf(entry.model()), entry.status() + " " + entry.completion(),
                entry.hops().isEmpty() ? "no failover" : "hops " + String.join(" > ", entry.hops()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
