package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two regions' trails make one timeline: a request failed over from us-east-1 to eu-west-1 shows
 * once, joined by the ids both records name, with its hops; a forward whose other record is
 * missing, or a broken chain, fails it.
 */
class AuditTimelineTest {

    private static final String ARRIVAL_ID = "req_00000000000000000000000000000a01";
    private static final String SERVED_ID = "req_00000000000000000000000000000e01";

    private static AuditRecord record(String requestId, String at, String region, String servingRegion, String upstream,
                                      List<String> hops, AuditRecord.Forward by, AuditRecord.Forward to) {
        return new AuditRecord(AuditRecord.SCHEMA_VERSION, requestId, at, at, 5L, region, servingRegion, "acme", null, null, "gpt-4o", null,
                false, upstream, hops, new AuditRecord.Residency("local", null, null), null, 200, null, "complete", null,
                new AuditRecord.Content("none", null, null), null, by, to, null);
    }

    /** us-east-1 received it, its upstream failed, the EU peer served it. */
    private static List<String> usTrail() {
        AuditChain chain = new AuditChain("us-east-1/w1");
        return List.of(
                chain.link(record("req_00000000000000000000000000000a00", "2026-12-02T03:00:00Z", "us-east-1", "us-east-1",
                        "us-primary", List.of(), null, null)).json(),
                chain.link(record(ARRIVAL_ID, "2026-12-02T03:00:02Z", "us-east-1", "eu-west-1", "eu-primary",
                        List.of("us-primary:http-500", "peer-eu-west-1:ok"), null,
                        new AuditRecord.Forward("eu-west-1", SERVED_ID))).json());
    }

    private static List<String> euTrail() {
        AuditChain chain = new AuditChain("eu-west-1/w1");
        return List.of(
                chain.link(record(SERVED_ID, "2026-12-02T03:00:02.100Z", "eu-west-1", "eu-west-1", "eu-primary", List.of(),
                        new AuditRecord.Forward("us-east-1", ARRIVAL_ID), null)).json(),
                chain.link(record("req_00000000000000000000000000000e02", "2026-12-02T03:00:01Z", "eu-west-1", "eu-west-1",
                        "eu-primary", List.of(), null, null)).json());
    }

    private static AuditTimeline.Report timelineOf(List<String> us, List<String> eu) {
        AuditTimeline timeline = new AuditTimeline();
        for (int i = 0; i < us.size(); i++) {
            timeline.accept("us", "us:" + (i + 1), us.get(i));
        }
        for (int i = 0; i < eu.size(); i++) {
            timeline.accept("eu", "eu:" + (i + 1), eu.get(i));
        }
        return timeline.report();
    }

    @Test
    void keyedTrailsAreCheckedWithTheKeysGivenAndNotCalledVerifiedWithoutThem() {
        AuditChainKey key = AuditChainKey.of("the-region-audit-chain-secret-0123456789");
        AuditChain chain = new AuditChain("eu-west-1/w1", null, key, null);
        String keyed = chain.link(record(SERVED_ID, "2026-12-02T03:00:02Z", "eu-west-1", "eu-west-1", "eu-primary",
                List.of(), null, null)).json();
        AuditTimeline withKey = new AuditTimeline(() -> new AuditTrailVerifier(List.of(key), AuditPublicKeys.none(),
                java.time.Clock.systemUTC()));
        AuditTimeline withoutKey = new AuditTimeline();

        withKey.accept("eu", "eu:1", keyed);
        withoutKey.accept("eu", "eu:1", keyed);

        assertThat(withKey.report().ok()).as(withKey.report().text()).isTrue();
        assertThat(withoutKey.report().ok()).isFalse();
    }

    @Test
    void showsAForwardOnceJoinedToItsServingRecordInOrderOfArrival() {
        AuditTimeline.Report report = timelineOf(usTrail(), euTrail());

        assertThat(report.ok()).as(report.text()).isTrue();
        List<String> requests = report.text().lines().filter(line -> line.startsWith("2026-")).toList();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0)).contains("req_00000000000000000000000000000a00");
        assertThat(requests.get(1)).contains("req_00000000000000000000000000000e02");
        assertThat(requests.get(2)).contains(ARRIVAL_ID).contains("hops us-primary:http-500 > peer-eu-west-1:ok")
                .contains("-> eu-west-1 " + SERVED_ID + " 200 complete");
        assertThat(report.text()).contains("OK: 3 requests, 1 served in another region and joined, 0 forwards missing a record");
    }

    @Test
    void aForwardWhoseServingRecordIsMissingFailsTheTimeline() {
        AuditTimeline.Report report = timelineOf(usTrail(), List.of());

        assertThat(report.ok()).isFalse();
        assertThat(report.text()).contains(ARRIVAL_ID + "").contains(SERVED_ID + ", whose record is not in the trails given")
                .contains("1 forwards missing a record");
    }

    @Test
    void aBrokenChainInEitherTrailFailsTheTimeline() {
        List<String> eu = euTrail();
        String edited = eu.get(1).replace("\"status\":200", "\"status\":201");

        AuditTimeline.Report report = timelineOf(usTrail(), List.of(eu.get(0), edited));

        assertThat(report.ok()).isFalse();
        assertThat(report.text()).contains("trail eu: FAILED");
    }
}
