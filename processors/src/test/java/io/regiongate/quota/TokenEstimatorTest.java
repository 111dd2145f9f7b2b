package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TokenEstimator ESTIMATOR = new TokenEstimator();

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void countsPromptTokensWithTheTokenizerPlusMessageFraming() throws Exception {
        long hello = ESTIMATOR.count("Hello world");
        long user = ESTIMATOR.count("user");
        assertThat(hello).isEqualTo(2);

        long prompt = ESTIMATOR.promptTokens(body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello world\"}]}"));

        assertThat(prompt).isEqualTo(3 + user + hello + 3);
    }

    @Test
    void countsAnEmbeddingsInputInEachOfItsFormsAndReservesNoCompletion() throws Exception {
        long hello = ESTIMATOR.count("Hello world");

        assertThat(ESTIMATOR.inputTokens(body("\"Hello world\""))).isEqualTo(hello);
        assertThat(ESTIMATOR.inputTokens(body("[\"Hello world\",\"Hello world\"]"))).isEqualTo(2 * hello);
        assertThat(ESTIMATOR.inputTokens(body("[9906, 1917, 0]"))).isEqualTo(3);
        assertThat(ESTIMATOR.inputTokens(body("[[9906, 1917], [0]]"))).isEqualTo(3);
        io.regiongate.api.ChatRequest embeddings = new io.regiongate.api.EmbeddingsRequestParser(1024)
                .parse("{\"model\":\"e\",\"input\":\"Hello world\",\"max_tokens\":500}".getBytes());
        assertThat(ESTIMATOR.promptTokens(embeddings)).isEqualTo(hello);
        assertThat(ESTIMATOR.estimate(embeddings, hello, 4096)).as("no completion reserve").isEqualTo(hello);
    }

    @Test
    void countsTextPartsOfMultipartContent() throws Exception {
        long parts = ESTIMATOR.promptTokens(body(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello world\"}]}]}"));
        long plain = ESTIMATOR.promptTokens(body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello world\"}]}"));
        assertThat(parts).isEqualTo(plain);
    }

    @Test
    void reservesMaxCompletionTokensBeforeMaxTokensBeforeTheDefaultCap() throws Exception {
        assertThat(ESTIMATOR.completionReserve(body("{\"max_completion_tokens\":50,\"max_tokens\":70}"), 4096)).isEqualTo(50);
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":70}"), 4096)).isEqualTo(70);
        assertThat(ESTIMATOR.completionReserve(body("{}"), 4096)).isEqualTo(4096);
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":70,\"n\":3}"), 4096)).isEqualTo(210);
    }

    @Test
    void reserveSaturatesInsteadOfWrapping() throws Exception {
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":9223372036854775807}"), 4096)).isEqualTo(Long.MAX_VALUE);
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":4611686018427387904,\"n\":3}"), 4096)).isEqualTo(Long.MAX_VALUE);
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":100,\"n\":9223372036854775807}"), 4096)).isEqualTo(Long.MAX_VALUE);
        assertThat(ESTIMATOR.completionReserve(body("{\"max_completion_tokens\":99999999999999999999999}"), 4096)).isEqualTo(Long.MAX_VALUE);
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":1e30}"), 4096)).isEqualTo(Long.MAX_VALUE);
        assertThat(ESTIMATOR.estimate(body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":9223372036854775807}"), 4096))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void negativeOrNonNumericMaximaFallBackToTheDefaultCap() throws Exception {
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":-5}"), 4096)).isEqualTo(4096);
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":\"70\"}"), 4096)).isEqualTo(4096);
        assertThat(ESTIMATOR.completionReserve(body("{\"max_tokens\":-99999999999999999999999}"), 4096)).isEqualTo(4096);
    }

    @Test
    void countsLongTextWithSpacesExactlyInPieces() {
        String words = "The quick brown fox jumps over the lazy dog. ".repeat(2000);

        long inPieces = ESTIMATOR.count(words);

        long whole = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE).countTokensOrdinary(words);
        assertThat(inPieces).isEqualTo(whole);
    }

    @Test
    void aMegabyteOfOneLetterIsCountedInBoundedPieces() {
        long count = ESTIMATOR.count("a".repeat(1_040_000));

        long pieces = 1_040_000 / TokenEstimator.PIECE_CHARS + 1;
        long perPiece = ESTIMATOR.count("a".repeat(TokenEstimator.PIECE_CHARS));
        assertThat(count).isBetween(perPiece * (pieces - 1), perPiece * pieces);
    }
}
