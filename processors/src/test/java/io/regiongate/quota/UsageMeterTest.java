package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageMeterTest {

    private final TokenEstimator estimator = new TokenEstimator();

    @Test
    void chargesTheUpstreamsUsageBlockWhenItSendsOne() {
        UsageMeter meter = new UsageMeter(estimator, 10);
        meter.observeEventData("{\"choices\":[{\"delta\":{\"content\":\"Hello world\"}}]}");
        meter.observeEventData("{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":30,\"total_tokens\":42}}");
        meter.observeEventData("[DONE]");

        assertThat(meter.reported()).isTrue();
        assertThat(meter.charged()).isEqualTo(42);
    }

    @Test
    void countsGeneratedTokensWhenTheStreamHasNoUsage() {
        UsageMeter meter = new UsageMeter(estimator, 10);
        meter.observeEventData("{\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}");
        meter.observeEventData("{\"choices\":[{\"delta\":{\"content\":\" world\"}}]}");

        assertThat(meter.reported()).isFalse();
        assertThat(meter.charged()).isEqualTo(10 + 2);
    }

    @Test
    void readsUsageFromAWholeAnswer() {
        UsageMeter meter = new UsageMeter(estimator, 10);
        meter.observeBody("{\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"usage\":{\"total_tokens\":18}}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(meter.charged()).isEqualTo(18);
    }

    @Test
    void chargesNothingWhenTheUpstreamNeverAnswered() {
        assertThat(new UsageMeter(estimator, 10).charged()).isZero();
    }

    @Test
    void countsALongCompletionInBoundedBatchesAsAccuratelyAsTheWholeText() {
        UsageMeter meter = new UsageMeter(estimator, 10);
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String piece = (i == 0 ? "" : " ") + "token" + (i % 97);
            whole.append(piece);
            meter.observeEventData("{\"choices\":[{\"delta\":{\"content\":\"" + piece + "\"}}]}");
        }

        long wholeCount = estimator.count(whole.toString());
        assertThat(meter.charged() - 10).isBetween(wholeCount - 5, wholeCount + 5);
    }
}
