package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalTallyTest {

    private final KafkaTrailWriterTest.MutableClock clock =
            new KafkaTrailWriterTest.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void refusalsOfAnIntervalBecomeOneSummaryWithCountsPerReason() {
        RefusalTally tally = new RefusalTally("eu-west-1", clock);
        for (int i = 0; i < 3; i++) {
            tally.count("invalid_api_key");
        }
        tally.count("missing_api_key");
        clock.advance(Duration.ofSeconds(10));

        AuditEvent summary = tally.summary();

        assertThat(summary.kind()).isEqualTo(AuditEvent.REFUSALS);
        assertThat(summary.region()).isEqualTo("eu-west-1");
        assertThat(summary.refusals().total()).isEqualTo(4);
        assertThat(summary.refusals().counts()).isEqualTo(Map.of("invalid_api_key", 3L, "missing_api_key", 1L));
        assertThat(summary.refusals().from()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(summary.refusals().to()).isEqualTo("2026-01-01T00:00:10Z");
    }

    @Test
    void theNextIntervalStartsWhereTheLastSummaryEndedAndAQuietOneLeavesNoRecord() {
        RefusalTally tally = new RefusalTally("eu-west-1", clock);
        tally.count("invalid_api_key");
        clock.advance(Duration.ofSeconds(10));
        tally.summary();
        clock.advance(Duration.ofSeconds(10));

        assertThat(tally.summary()).isNull();
        tally.count("invalid_api_key");
        clock.advance(Duration.ofSeconds(10));
        assertThat(tally.summary().refusals().from()).isEqualTo("2026-01-01T00:00:20Z");
    }

    @Test
    void onlyRequestsWithoutATenantAreSummarisedUnderTheErrorCodeTheClientGot() {
        GatewayCall refused = new GatewayCall("req_1", Instant.now(), null);
        refused.failed(OpenAiError.invalidApiKey());

        assertThat(RefusalTally.summarises(refused)).isTrue();
        assertThat(RefusalTally.reason(refused, 500)).isEqualTo("invalid_api_key");
        assertThat(RefusalTally.reason(new GatewayCall("req_2", Instant.now(), null), 413)).isEqualTo("http_413");
    }
}
