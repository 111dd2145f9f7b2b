package io.regiongate.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.audit.AuditJson;
import io.regiongate.quota.TokenEstimator;
import io.regiongate.quota.UsageMeter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One reading of an answer feeds both the quota meter and the audit tally. */
class AnswerObserverTest {

    private static final String WHOLE = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"Bonjour\"}}],"
            + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"total_tokens\":6}}";

    private final UsageMeter meter = new UsageMeter(new TokenEstimator(), 10);
    private final AnswerObserver observer = new AnswerObserver();

    @Test
    void aWholeAnswerReachesTheMeterAndTheTallyAlike() {
        observer.meterWith(meter);

        observer.observeWholeAnswer(WHOLE.getBytes(StandardCharsets.UTF_8));

        assertThat(meter.charged()).isEqualTo(6);
        assertThat(observer.tally().usage()).isEqualTo(new TokenUsage(4L, 2L, 6L));
        assertThat(observer.tally().completionSha256()).isEqualTo(AuditJson.sha256Hex("Bonjour"));
    }

    @Test
    void anAnswerThatIsNotJsonIsChargedThePromptEstimateAndHasNoTally() {
        observer.meterWith(meter);

        observer.observeWholeAnswer("<html>oops</html>".getBytes(StandardCharsets.UTF_8));

        assertThat(meter.charged()).isEqualTo(10);
        assertThat(observer.tally().usage()).isNull();
        assertThat(observer.tally().completionSha256()).isNull();
    }

    @Test
    void streamChunksReachBothAndTheStartOfAnAnswerAloneChargesThePrompt() throws Exception {
        observer.meterWith(meter);
        observer.answerBegan();
        assertThat(meter.charged()).isEqualTo(10);

        observer.observeChunk(new ObjectMapper().readTree("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bon\"}}]}"));
        observer.observeChunk(null);
        observer.observeChunk(new ObjectMapper().readTree("{\"choices\":[],\"usage\":{\"total_tokens\":9}}"));

        assertThat(meter.charged()).isEqualTo(9);
        assertThat(observer.tally().completionSha256()).isEqualTo(AuditJson.sha256Hex("Bon"));
    }

    @Test
    void withoutAMeterTheAnswerIsStillTallied() {
        observer.observeWholeAnswer(WHOLE.getBytes(StandardCharsets.UTF_8));

        assertThat(observer.meter()).isNull();
        assertThat(observer.tally().usage().totalTokens()).isEqualTo(6);
    }
}
