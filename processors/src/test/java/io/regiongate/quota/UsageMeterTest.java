package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class UsageMeterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TokenEstimator ESTIMATOR = new TokenEstimator();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void chargesTheUpstreamsUsageBlockWhenItSendsOne() {
        UsageMeter meter = new UsageMeter(ESTIMATOR, 10);
        meter.observe(json("{\"choices\":[{\"delta\":{\"content\":\"Hello world\"}}]}"));
        meter.observe(json("{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":30,\"total_tokens\":42}}"));

        assertThat(meter.reported()).isTrue();
        assertThat(meter.charged()).isEqualTo(42);
    }

    @Test
    void countsGeneratedTokensWhenTheStreamHasNoUsage() {
        UsageMeter meter = new UsageMeter(ESTIMATOR, 10);
        meter.observe(json("{\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}"));
        meter.observe(json("{\"choices\":[{\"delta\":{\"content\":\" world\"}}]}"));

        assertThat(meter.reported()).isFalse();
        assertThat(meter.charged()).isEqualTo(10 + 2);
    }

    @Test
    void readsUsageFromAWholeAnswer() {
        UsageMeter meter = new UsageMeter(ESTIMATOR, 10);
        meter.observe(json("{\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"usage\":{\"total_tokens\":18}}"));
        assertThat(meter.charged()).isEqualTo(18);
    }

    @Test
    void chargesNothingWhenTheUpstreamNeverAnswered() {
        assertThat(new UsageMeter(ESTIMATOR, 10).charged()).isZero();
    }

    @Test
    void countsALongCompletionInBoundedBatchesAsAccuratelyAsTheWholeText() {
        UsageMeter meter = new UsageMeter(ESTIMATOR, 10);
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String piece = (i == 0 ? "" : " ") + "token" + (i % 97);
            whole.append(piece);
            meter.observe(json("{\"choices\":[{\"delta\":{\"content\":\"" + piece + "\"}}]}"));
        }

        long wholeCount = ESTIMATOR.count(whole.toString());
        assertThat(meter.charged() - 10).isBetween(wholeCount - 5, wholeCount + 5);
    }
}
