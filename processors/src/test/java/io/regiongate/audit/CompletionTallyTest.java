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

        assertThat(tally.completionSha256()).isEqualTo(AuditJson.sha256Hex("Hello there from the EU"));
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
        assertThat(streamed.completionSha256()).isEqualTo(whole.completionSha256()).isNotNull();
        assertThat(streamed.usage()).isEqualTo(whole.usage());
    }

    @Test
    void anAnswerThatIsNotACompletionGivesNothing() {
        CompletionTally tally = CompletionTally.ofAnswer("not json".getBytes(StandardCharsets.UTF_8));

        assertThat(tally.completionSha256()).isNull();
        assertThat(tally.usage()).isNull();
    }

    @Test
    void interleavedChoicesAreHashedInIndexOrderAsTheWholeTextWouldBe() {
        CompletionTally streamed = new CompletionTally();
        String[][] parts = {{"1", "B1"}, {"0", "A1"}, {"1", " B2"}, {"0", " A2"}, {"2", "C"}};
        for (String[] part : parts) {
            streamed.accept(new SseEvent(new byte[0], "{\"choices\":[{\"index\":" + part[0]
                    + ",\"delta\":{\"content\":\"" + part[1] + "\"}}]}", null, null, true));
        }

        assertThat(streamed.completionSha256()).isEqualTo(AuditJson.sha256Hex("A1 A2B1 B2C"));
    }
}
