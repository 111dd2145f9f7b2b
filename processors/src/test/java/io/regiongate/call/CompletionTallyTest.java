package io.regiongate.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.audit.AuditJson;
import io.regiongate.simulator.SimulatedCompletion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
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
    void interleavedChoicesAreHashedEachAloneThenTogetherInIndexOrderKeepingNoText() throws Exception {
        CompletionTally streamed = new CompletionTally();
        String[][] parts = {{"1", "B1"}, {"0", "A1"}, {"1", " B2"}, {"0", " A2"}, {"2", "C"}};
        for (String[] part : parts) {
            streamed.acceptChunk(json("{\"choices\":[{\"index\":" + part[0]
                    + ",\"delta\":{\"content\":\"" + part[1] + "\"}}]}"));
        }

        MessageDigest ofDigests = MessageDigest.getInstance("SHA-256");
        for (String text : new String[] {"A1 A2", "B1 B2", "C"}) {
            ofDigests.update(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(streamed.completionSha256()).isEqualTo(HexFormat.of().formatHex(ofDigests.digest()))
                .as("asking twice gives the same").isEqualTo(streamed.completionSha256());
    }

    @Test
    void aWholeAnswerWithSeveralChoicesHashesAsItsStreamDoes() throws Exception {
        CompletionTally whole = ofAnswer("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"A1 A2\"}},"
                + "{\"index\":1,\"message\":{\"content\":\"B1 B2\"}}]}");
        CompletionTally streamed = new CompletionTally();
        streamed.acceptChunk(json("{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B1 B2\"}}]}"));
        streamed.acceptChunk(json("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A1 A2\"}}]}"));

        assertThat(whole.completionSha256()).isEqualTo(streamed.completionSha256());
    }

    @Test
    void anUpstreamSendingEndlessChoiceIndexesCannotGrowTheTally() throws Exception {
        CompletionTally streamed = new CompletionTally();
        for (int index = 0; index < 10_000; index++) {
            streamed.acceptChunk(json("{\"choices\":[{\"index\":" + index + ",\"delta\":{\"content\":\"x\"}}]}"));
        }

        assertThat(streamed.completionSha256()).hasSize(64);
        assertThat(streamed.choicesHashed()).isEqualTo(128);
    }

    @Test
    void aResponsesAnswerWholeOrStreamedGivesTheSameHashOfItsOutputTextAndCountsItOnce() throws Exception {
        String whole = "{\"object\":\"response\",\"output\":[{\"type\":\"reasoning\",\"summary\":[]},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                + "\"text\":\"Hello there\"}]}],\"usage\":{\"input_tokens\":5,\"output_tokens\":2,\"total_tokens\":7}}";
        CompletionTally streamed = new CompletionTally();
        streamed.acceptChunk(json("{\"type\":\"response.created\",\"response\":{\"output\":[]}}"));
        streamed.acceptChunk(json("{\"type\":\"response.output_text.delta\",\"output_index\":1,\"content_index\":0,"
                + "\"delta\":\"Hello\"}"));
        streamed.acceptChunk(json("{\"type\":\"response.output_text.delta\",\"output_index\":1,\"content_index\":0,"
                + "\"delta\":\" there\"}"));
        streamed.acceptChunk(json("{\"type\":\"response.output_text.done\",\"output_index\":1,\"text\":\"Hello there\"}"));
        streamed.acceptChunk(json("{\"type\":\"response.completed\",\"response\":" + whole + "}"));

        assertThat(ofAnswer(whole).completionSha256()).isEqualTo(AuditJson.sha256Hex("Hello there"));
        assertThat(streamed.completionSha256()).isEqualTo(AuditJson.sha256Hex("Hello there"));
        assertThat(streamed.usage()).isEqualTo(new TokenUsage(5L, 2L, 7L));
    }
}
