package io.regiongate.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.api.GatewayException;
import io.regiongate.config.RedactionAction;
import org.junit.jupiter.api.Test;

/** The prompt: every message's text and text parts, refused when too large to scan or when the profile blocks. */
class PromptRedactorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void redactsStringContentAndTextPartsAndKeepsEverythingElse() throws Exception {
        ObjectNode body = body("""
                {"model":"gpt-4o","temperature":0.2,"messages":[
                  {"role":"system","content":"Reply to anna@example.com"},
                  {"role":"user","content":[{"type":"text","text":"My IBAN is DE89370400440532013000"},
                                            {"type":"image_url","image_url":{"url":"https://x.test/a.png"}}]}]}""");
        RedactionSession session = RedactionFixtures.gdpr(false, false);

        ObjectNode sent = new PromptRedactor(1 << 20).apply(body, session);

        assertThat(sent.toString()).doesNotContain("anna@example.com").doesNotContain("DE89370400440532013000")
                .contains("\"temperature\":0.2").contains("https://x.test/a.png");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Reply to [EMAIL_1]");
        assertThat(sent.at("/messages/1/content/0/text").asText()).isEqualTo("My IBAN is [IBAN_1]");
        assertThat(body.toString()).as("the client's body is not changed in place").contains("anna@example.com");
        assertThat(session.promptForAudit().toString()).contains("[EMAIL_1]").doesNotContain("anna@example.com");
    }

    @Test
    void redactsAnEmbeddingsInputInEachOfItsTextForms() throws Exception {
        RedactionSession single = RedactionFixtures.gdpr(false, false);
        RedactionSession list = RedactionFixtures.gdpr(false, false);

        ObjectNode one = new PromptRedactor(1 << 20).apply(body(
                "{\"model\":\"e\",\"input\":\"write to anna@example.com\"}"), single);
        ObjectNode many = new PromptRedactor(1 << 20).apply(body(
                "{\"model\":\"e\",\"input\":[\"plain text\",\"IBAN DE89370400440532013000\",[1,2,3]]}"), list);

        assertThat(one.path("input").asText()).isEqualTo("write to [EMAIL_1]");
        assertThat(many.at("/input/0").asText()).isEqualTo("plain text");
        assertThat(many.at("/input/1").asText()).isEqualTo("IBAN [IBAN_1]");
        assertThat(many.at("/input/2").toString()).as("token ids are not text").isEqualTo("[1,2,3]");
        assertThat(list.promptForAudit().toString()).doesNotContain("DE89370400440532013000");
    }

    @Test
    void redactsResponsesInputItemsTextAndParts() throws Exception {
        RedactionSession session = RedactionFixtures.gdpr(false, false);

        ObjectNode sent = new PromptRedactor(1 << 20).apply(body(
                "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"mail anna@example.com\"},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"or bob@example.org\"}]}]}"),
                session);

        assertThat(sent.toString()).doesNotContain("anna@example.com").doesNotContain("bob@example.org");
        assertThat(sent.at("/input/1/content/0/text").asText()).isEqualTo("or [EMAIL_2]");
    }

    @Test
    void blockRefusesWith400NamingTheTypesNeverTheValues() throws Exception {
        RedactionSession session = RedactionFixtures.session(RedactionAction.BLOCK, false, false, "email", "iban");
        ObjectNode body = body("""
                {"model":"m","messages":[{"role":"user","content":"anna@example.com DE89370400440532013000"}]}""");

        GatewayException refusal = catchThrowableOfType(GatewayException.class,
                () -> new PromptRedactor(1 << 20).apply(body, session));

        assertThat(refusal.error().status()).isEqualTo(400);
        assertThat(refusal.error().code()).isEqualTo("pii_detected");
        assertThat(refusal.error().message()).contains("email, iban").doesNotContain("anna@example.com")
                .doesNotContain("DE89");
        assertThat(session.counts()).containsEntry("email", 1).containsEntry("iban", 1);
    }

    @Test
    void detectCountsAndSendsThePromptUnchanged() throws Exception {
        RedactionSession session = RedactionFixtures.session(RedactionAction.DETECT, false, false, "email");
        ObjectNode body = body("""
                {"model":"m","messages":[{"role":"user","content":"anna@example.com"}]}""");

        assertThat(new PromptRedactor(1 << 20).apply(body, session)).isSameAs(body);
        assertThat(session.counts()).containsEntry("email", 1);
    }

    @Test
    void aPromptLargerThanTheScanLimitIsRefusedWith413() throws Exception {
        RedactionSession session = RedactionFixtures.gdpr(false, false);
        ObjectNode body = body("""
                {"model":"m","messages":[{"role":"user","content":"%s"},{"role":"user","content":"%s"}]}"""
                .formatted("a".repeat(600), "ä".repeat(300)));

        GatewayException refusal = catchThrowableOfType(GatewayException.class,
                () -> new PromptRedactor(1000).apply(body, session));

        assertThat(refusal.error().status()).isEqualTo(413);
        assertThat(refusal.error().code()).isEqualTo("prompt_too_large_to_scan");
    }

    @Test
    void aPromptOfExactlyTheScanLimitInBytesIsScannedAndOneByteMoreIsNot() throws Exception {
        String atLimit = """
                {"model":"m","messages":[{"role":"user","content":"%s"}]}""".formatted("a".repeat(600) + "ä".repeat(200));
        String overLimit = """
                {"model":"m","messages":[{"role":"user","content":"%s"}]}""".formatted("a".repeat(601) + "ä".repeat(200));

        assertThat(new PromptRedactor(1000).apply(body(atLimit), RedactionFixtures.gdpr(false, false))).isNotNull();
        GatewayException refusal = catchThrowableOfType(GatewayException.class,
                () -> new PromptRedactor(1000).apply(body(overLimit), RedactionFixtures.gdpr(false, false)));
        assertThat(refusal.error().status()).isEqualTo(413);
    }

    @Test
    void countsUtf8BytesAsTheWireDoes() {
        String text = "aä€😀";
        assertThat(PromptRedactor.utf8Length(text)).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
