package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.TestTenant;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/embeddings} goes the way of a chat completion: the tenant's key, residency
 * (an EU tenant's input that arrives at the US runtime is embedded in the EU, over a signed forward),
 * the quota, the region's upstreams, and a record in the serving region's trail that names the
 * operation and holds a hash of the input, never the input. {@code GET /v1/models/{id}} answers for
 * a model the tenant may use here, 404 otherwise.
 */
class EmbeddingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String MODEL = "text-embedding-3-small";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("embeddings")
            .tenant(ACME_EU, "async", "hash")
            .simulatedUpstream(List.of("gpt-4o", MODEL), Duration.ofMillis(1), "unused");

    @Test
    void embedsEachInputInOrderAndRecordsTheOperationWithAHashOfTheInput() throws Exception {
        String input = "[\"the first private sentence\",\"the second\",\"the first private sentence\"]";

        HttpResponse<String> answer = post(EU, "/v1/embeddings", "{\"model\":\"" + MODEL + "\",\"input\":" + input + "}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("data")).hasSize(3);
        assertThat(body.path("data").get(0).path("embedding")).isEqualTo(body.path("data").get(2).path("embedding"));
        assertThat(body.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(10);
        JsonNode record = recordOf(EU, answer.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(record.path("operation").asText()).isEqualTo("embeddings");
        assertThat(record.path("model").asText()).isEqualTo(MODEL);
        assertThat(record.path("usage").path("total_tokens").asInt()).isEqualTo(10);
        assertThat(record.path("content").path("prompt_sha256").asText()).isEqualTo(sha256(JSON.readTree(input).toString()));
        assertThat(record.path("completion").asText()).isEqualTo("complete");
        assertThat(deployment.eu().filesContaining("first private sentence")).isEmpty();
    }

    @Test
    void anEuTenantsInputThatArrivesInTheUsIsEmbeddedInTheEu() throws Exception {
        HttpResponse<String> answer = post(US, "/v1/embeddings",
                "{\"model\":\"" + MODEL + "\",\"input\":\"pinned embeddings input\",\"encoding_format\":\"base64\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-RegionGate-Region")).contains("eu-west-1");
        assertThat(JSON.readTree(answer.body()).path("data").get(0).path("embedding").isTextual()).as("base64").isTrue();
        JsonNode usRecord = recordOf(US, answer.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(usRecord.path("residency").path("decision").asText()).isEqualTo("forwarded");
        assertThat(usRecord.path("content").has("prompt_sha256")).as("the US keeps no hash of an EU prompt").isFalse();
        assertThat(deployment.us().filesContaining("pinned embeddings input")).isEmpty();
    }

    @Test
    void refusesAnInputItCannotCountAndAModelNobodyServesHere() throws Exception {
        HttpResponse<String> empty = post(EU, "/v1/embeddings", "{\"model\":\"" + MODEL + "\",\"input\":[]}");
        HttpResponse<String> unknown = post(EU, "/v1/embeddings", "{\"model\":\"no-such-embedder\",\"input\":\"x\"}");
        HttpResponse<String> streamed = post(EU, "/v1/embeddings", "{\"model\":\"" + MODEL + "\",\"input\":\"x\",\"stream\":true}");

        assertThat(empty.statusCode()).isEqualTo(400);
        OpenAiErrorShape.assertError(empty.body(), OpenAiErrorShape.INVALID_REQUEST, "invalid_request", "input");
        assertThat(unknown.statusCode()).isEqualTo(404);
        OpenAiErrorShape.assertError(unknown.body(), OpenAiErrorShape.INVALID_REQUEST, "model_not_found", "model");
        assertThat(streamed.statusCode()).isEqualTo(400);
    }

    @Test
    void answersForOneModelTheTenantMayUseHereAnd404ForAnyOther() throws Exception {
        HttpResponse<String> known = get(EU, "/v1/models/" + MODEL, ACME_EU.bearer());
        HttpResponse<String> unknown = get(EU, "/v1/models/gpt-9", ACME_EU.bearer());
        HttpResponse<String> anonymous = get(EU, "/v1/models/" + MODEL, null);

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(known.body()).path("id").asText()).isEqualTo(MODEL);
        assertThat(JSON.readTree(known.body()).path("object").asText()).isEqualTo("model");
        assertThat(unknown.statusCode()).isEqualTo(404);
        OpenAiErrorShape.assertError(unknown.body(), OpenAiErrorShape.INVALID_REQUEST, "model_not_found", "model");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> post(String runtime, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(deployment.gateway(runtime).uri(path))
                .header("Authorization", ACME_EU.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String runtime, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(deployment.gateway(runtime).uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode recordOf(String runtime, String requestId) {
        return AuditFiles.recordOf(deployment.journal(runtime), requestId);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
