package io.regiongate.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.audit.AuditJson;
import io.regiongate.simulator.SimulatedCompletion;
import org.junit.jupiter.api.Test;

class CompletionTallyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static CompletionTally ofAnswer(String body) throws Exception {
        CompletionTally tally = new CompletionTally();
        tally.acceptAnswer(json(body));
        return tally;
    }

    private static SimulatedCompletion completion() throws Exception {
        return new SimulatedCompletion("chatcmpl-1", "gpt-4o", 1700000000L, "Hello there from the EU",
                JSON.readTree("[{\"role\":\"user\",\"content\":\"hi you\"}]"));
    }

    @Test
    void aWholeAnswerGivesItsUsageAndText() throws Exception {
        SimulatedCompletion answer = completion();

        CompletionTally tally = ofAnswer(answer.completionJson());

        assertThat(tally.completionSha256()).isEqualTo(AuditJson.sha256Hex("Hello there from the EU"));
        assertThat(tally.usage()).isEqualTo(new TokenUsage((long) answer.promptTokens(), 5L,
                (long) answer.promptTokens() + 5));
    }

    @Test
    void aStreamGivesTheSameUsageAndTextAsTheWholeAnswer() throws Exception {
        SimulatedCompletion answer = completion();
        CompletionTally streamed = new CompletionTally();

        for (String data : answer.streamEvents()) {
            if (!"[DONE]".equals(data)) {
                streamed.acceptChunk(json(data));
            }
        }

        CompletionTally whole = ofAnswer(answer.completionJson());
        assertThat(streamed.completionSha256()).isEqualTo(whole.completionSha256()).isNotNull();
        assertThat(streamed.usage()).isEqualTo(whole.usage());
    }

    @Test
    void anAnswerThatIsNotACompletionGivesNothing() throws Exception {
        CompletionTally tally = ofAnswer("{\"object\":\"list\",\"data\":[]}");

        assertThat(tally.completionSha256()).isNull();
        assertThat(tally.usage()).isNull();
    }

    @Test
    void interleavedChoicesAreHashedInIndexOrderAsTheWholeTextWouldBe() throws Exception {
        CompletionTally streamed = new CompletionTally();
        String[][] parts = {{"1", "B1"}, {"0", "A1"}, {"1", " B2"}, {"0", " A2"}, {"2", "C"}};
        for (String[] part : parts) {
            streamed.acceptChunk(json("{\"choices\":[{\"index\":" + part[0]
                    + ",\"delta\":{\"content\":\"" + part[1] + "\"}}]}"));
        }

        assertThat(streamed.completionSha256()).isEqualTo(AuditJson.sha256Hex("A1 A2B1 B2C"));
    }
}
