package io.regiongate.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.audit.AuditJson;
import io.regiongate.call.AnswerObserver;
import io.regiongate.flow.stream.StreamEventSteps;
import io.regiongate.flow.stream.StreamSession;
import io.regiongate.quota.TokenEstimator;
import io.regiongate.quota.UsageMeter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parse, meter and transform steps over a recorded OpenAI stream that ends with a usage chunk. */
class StreamEventStepsUsageTest {

    private final UsageMeter meter = new UsageMeter(new TokenEstimator(), 5);
    private final AnswerObserver answer = new AnswerObserver();

    StreamEventStepsUsageTest() {
        answer.meterWith(meter);
    }

    private List<SseChunk> throughSteps(String fixture, boolean clientWantsUsage) {
        return throughSteps(SseFixtures.readAll(SseFixtures.bytes(fixture)), clientWantsUsage);
    }

    private List<SseChunk> throughSteps(List<SseEvent> events, boolean clientWantsUsage) {
        StreamSession session = new StreamSession(null, () -> { }, answer, clientWantsUsage);
        List<SseChunk> chunks = new ArrayList<>();
        for (SseEvent event : events) {
            SseChunk chunk = StreamEventSteps.parse(event);
            StreamEventSteps.meter(session, chunk);
            chunks.add(StreamEventSteps.transform(session, chunk));
        }
        return chunks;
    }

    private static List<String> relayedData(List<SseChunk> chunks) {
        return chunks.stream().filter(SseChunk::relayed).map(chunk -> chunk.event().data()).toList();
    }

    @Test
    void withholdsTheUsageChunkFromAClientThatDidNotAskButMetersIt() {
        List<SseChunk> chunks = throughSteps("openai-chat-stream.sse", false);

        assertThat(relayedData(chunks)).hasSize(chunks.size() - 1).noneMatch(data -> data.contains("\"usage\""));
        assertThat(relayedData(chunks)).last().isEqualTo("[DONE]");
        assertThat(meter.reported()).isTrue();
        assertThat(meter.charged()).isEqualTo(12);
        assertThat(answer.tally().usage().totalTokens()).isEqualTo(12);
        assertThat(answer.tally().completionSha256()).isEqualTo(AuditJson.sha256Hex("Hello from Zürich"));
    }

    @Test
    void relaysEveryEventUnchangedToAClientThatAskedForUsage() {
        List<SseChunk> chunks = throughSteps("openai-chat-stream.sse", true);

        assertThat(chunks).allMatch(SseChunk::relayed);
        String relayed = String.join("", chunks.stream()
                .map(chunk -> new String(chunk.event().wireBytes(), StandardCharsets.UTF_8)).toList());
        assertThat(relayed).isEqualTo(new String(SseFixtures.bytes("openai-chat-stream.sse"), StandardCharsets.UTF_8));
        assertThat(meter.charged()).isEqualTo(12);
    }

    @Test
    void countsTheGeneratedTokensWhenTheStreamCarriesNoUsage() {
        List<SseEvent> withoutUsage = SseFixtures.readAll(SseFixtures.bytes("openai-chat-stream.sse")).stream()
                .filter(event -> !event.data().contains("\"usage\"")).toList();

        List<SseChunk> chunks = throughSteps(withoutUsage, false);

        assertThat(chunks).allMatch(SseChunk::relayed);
        assertThat(meter.reported()).isFalse();
        assertThat(meter.charged()).isEqualTo(5 + new TokenEstimator().count("Hello from Zürich"));
    }

    @Test
    void neverRelaysAnEventTheStreamCutOff() {
        SseEvent cut = new SseEvent("data: {\"choices\":[{\"delta\":{\"content\":\"ha".getBytes(StandardCharsets.UTF_8),
                "{\"choices\":[{\"delta\":{\"content\":\"ha", null, null, false);
        SseEvent wholeButUnterminated = new SseEvent("data: {\"choices\":[]}".getBytes(StandardCharsets.UTF_8),
                "{\"choices\":[]}", null, null, false);

        assertThat(StreamEventSteps.parse(cut).whole()).isFalse();
        assertThat(StreamEventSteps.parse(cut).relayed()).isFalse();
        assertThat(StreamEventSteps.parse(cut).json()).isNull();
        assertThat(StreamEventSteps.parse(wholeButUnterminated).relayed()).isTrue();
    }
}
