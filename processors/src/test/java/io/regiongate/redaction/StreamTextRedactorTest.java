package io.regiongate.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.sse.SseChunk;
import io.regiongate.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A streamed answer: a value split across events is still found, every event goes on at once (only
 * the text that may be the start of a value waits for the next event), and what is held goes out by
 * the end.
 */
class StreamTextRedactorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SseChunk content(String text) {
        return chunk("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + JSON.valueToTree(text) + "},\"finish_reason\":null}]}");
    }

    private static SseChunk finish() {
        return chunk("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"stop\"}]}");
    }

    private static SseChunk chunk(String data) {
        return SseChunk.parse(new SseEvent(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8), data, null, null, true));
    }

    private static String clientText(List<SseChunk> relayed) {
        StringBuilder text = new StringBuilder();
        for (SseChunk chunk : relayed) {
            for (String event : new String(chunk.event().wireBytes(), StandardCharsets.UTF_8).split("\n\n")) {
                String data = event.substring("data: ".length());
                if (!data.equals("[DONE]")) {
                    text.append(SseChunk.parse(new SseEvent(new byte[0], data, null, null, true)).json()
                            .at("/choices/0/delta/content").asText(""));
                }
            }
        }
        return text.toString();
    }

    private static List<SseChunk> run(StreamTextRedactor redactor, SseChunk... chunks) {
        List<SseChunk> out = new ArrayList<>();
        for (SseChunk chunk : chunks) {
            SseChunk sent = redactor.transform(chunk);
            assertThat(sent.relayed()).as("no event is withheld").isTrue();
            out.add(sent);
        }
        return out;
    }

    @Test
    void anEmailSplitAcrossTwoEventsIsRedactedAndTheTextStaysInOrder() {
        RedactionSession session = RedactionFixtures.gdpr(true, false);
        StreamTextRedactor redactor = session.streamRedactor();

        List<SseChunk> sent = run(redactor, content("Write to bo"), content("b@example.com now"), content(", thanks."),
                finish(), chunk("[DONE]"));

        assertThat(clientText(sent.subList(0, 1))).as("the word that may go on waits").isEqualTo("Write to ");
        assertThat(clientText(sent)).isEqualTo("Write to [EMAIL_1] now, thanks.");
        assertThat(session.completionForAudit()).isEqualTo("Write to [EMAIL_1] now, thanks.");
        assertThat(session.counts()).containsEntry("email", 1);
    }

    @Test
    void aPhoneNumberWrittenInGroupsOverSeveralEventsIsHeldWhole() {
        RedactionSession session = RedactionFixtures.gdpr(true, false);

        List<SseChunk> sent = run(session.streamRedactor(), content("Call +49 "), content("30 "), content("901820 "),
                content("today."), finish());

        assertThat(clientText(sent)).isEqualTo("Call [PHONE_1] today.");
    }

    @Test
    void placeholdersSplitAcrossEventsAreRestored() {
        RedactionSession session = RedactionFixtures.gdpr(false, true);
        session.redact("my mail is anna@example.com");

        List<SseChunk> sent = run(session.streamRedactor(), content("I will write to [EMA"), content("IL_1] today."),
                finish());

        assertThat(clientText(sent)).isEqualTo("I will write to anna@example.com today.");
        assertThat(session.completionForAudit()).isEqualTo("I will write to [EMAIL_1] today.");
    }

    @Test
    void textStillHeldWhenTheStreamEndsGoesOutJustBeforeDone() {
        RedactionSession session = RedactionFixtures.gdpr(true, false);

        List<SseChunk> sent = run(session.streamRedactor(), content("mail anna@example"), content(".com"), chunk("[DONE]"));

        String last = new String(sent.get(2).event().wireBytes(), StandardCharsets.UTF_8);
        assertThat(last).endsWith("data: [DONE]\n\n").contains("[EMAIL_1]");
        assertThat(clientText(sent)).isEqualTo("mail [EMAIL_1]");
    }

    @Test
    void neverHoldsMoreThanTheWindow() {
        RedactionSession session = RedactionFixtures.gdpr(true, false);
        StreamTextRedactor redactor = session.streamRedactor();

        redactor.transform(content("x".repeat(200)));

        assertThat(redactor.heldChars().get(0)).isLessThanOrEqualTo(64);
    }

    @Test
    void textThatCannotStartAValueIsNotHeld() {
        RedactionSession session = RedactionFixtures.gdpr(true, false);

        List<SseChunk> sent = run(session.streamRedactor(), content("Hello there. "));

        assertThat(clientText(sent)).isEqualTo("Hello there. ");
    }
}
