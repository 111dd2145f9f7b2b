package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.simulator.SimulatedCompletion;
import io.regiongate.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompletionTallyTest {

    private static SimulatedCompletion completion() throws Exception {
        return new SimulatedCompletion("chatcmpl-1", "gpt-4o", 1700000000L, "Hello there from the EU",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("[{\"role\":\"user\",\"content\":\"hi you\"}]"));
    }

    @Test
    void aWholeAnswerGivesItsUsageAndText() throws Exception {
        SimulatedCompletion answer = completion();

        CompletionTally tally = CompletionTally.ofAnswer(answer.completionJson().getBytes(StandardCharsets.UTF_8));

        assertThat(tally.completionText()).isEqualTo("Hello there from the EU");
        assertThat(tally.usage()).isEqualTo(new AuditRecord.Usage((long) answer.promptTokens(), 5L,
                (long) answer.promptTokens() + 5));
    }

    @Test
    void aStreamGivesTheSameUsageAndTextAsTheWholeAnswer() throws Exception {
        SimulatedCompletion answer = completion();
        CompletionTally streamed = new CompletionTally();

        for (String data : answer.streamEvents()) {
            streamed.accept(new SseEvent(new byte[0], data, null, null, true));
        }

        CompletionTally whole = CompletionTally.ofAnswer(answer.completionJson().getBytes(StandardCharsets.UTF_8));
        assertThat(streamed.completionText()).isEqualTo(whole.completionText());
        assertThat(streamed.usage()).isEqualTo(whole.usage());
    }

    @Test
    void anAnswerThatIsNotACompletionGivesNothing() {
        CompletionTally tally = CompletionTally.ofAnswer("not json".getBytes(StandardCharsets.UTF_8));

        assertThat(tally.completionText()).isEmpty();
        assertThat(tally.usage()).isNull();
    }
}
