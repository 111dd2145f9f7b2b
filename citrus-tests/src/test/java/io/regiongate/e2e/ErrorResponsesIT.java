package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.OpenAiErrorShape.INVALID_REQUEST;
import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.PacedEventStream;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;

/**
 * Every failure the client can meet, answered in OpenAI's error shape with the status an OpenAI
 * client expects: the client's own mistakes are 4xx and never reach the upstream; an upstream's
 * failure is 502 or 504 and never the client's fault; a stream that breaks after it started ends
 * with an error event and {@code [DONE]}.
 */
@CitrusSupport
class ErrorResponsesIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final long MAX_REQUEST_BYTES = 8192;
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    private static final String JSON_TYPE = "application/json";

    /** The model each upstream serves; each upstream behaves in one way. */
    private static final String HEALTHY_MODEL = "gpt-4o";
    private static final String FAILING_MODEL = "vendor-fails-500";
    private static final String RATE_LIMITED_MODEL = "vendor-rate-limited-429";
    private static final String KEY_REJECTED_MODEL = "vendor-rejects-gateway-key-401";
    private static final String CLIENT_ERROR_MODEL = "vendor-rejects-request-400";
    private static final String HANGING_MODEL = "vendor-hangs";
    private static final String UNREACHABLE_MODEL = "vendor-unreachable";
    private static final String BREAKING_MODEL = "vendor-breaks-stream";
    private static final String UNFINISHED_MODEL = "vendor-stream-without-done";

    private static final List<String> STREAM_BEFORE_BREAK = PacedEventStream
            .chunkEvents("chatcmpl-break-1", List.of("This", "breaks")).subList(0, 2);
    private static final String VENDOR_400 = "{\"error\":{\"message\":\"This model's maximum context length is 8 tokens.\","
            + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}";

    /** One vendor endpoint per behaviour, each serving its own model. */
    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("error-responses")
            .maxRequestBytes(MAX_REQUEST_BYTES)
            .tenant(TENANT)
            .upstream(Upstream.openAi("eu-healthy", EU).models(HEALTHY_MODEL, "gpt-4o-mini"), ScriptedUpstream.answering(200,
                    "{\"id\":\"chatcmpl-ok\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o\","
                            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}",
                    Map.of()))
            .upstream(Upstream.openAi("eu-failing", EU).models(FAILING_MODEL), ScriptedUpstream.answering(500,
                    "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                    Map.of()))
            .upstream(Upstream.openAi("eu-rate-limited", EU).models(RATE_LIMITED_MODEL), ScriptedUpstream.answering(429,
                    "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                    Map.of("Retry-After", "7")))
            .upstream(Upstream.openAi("eu-key-rejected", EU).models(KEY_REJECTED_MODEL), ScriptedUpstream.answering(401,
                    "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"param\":null,"
                            + "\"code\":\"invalid_api_key\"}}", Map.of()))
            .upstream(Upstream.openAi("eu-client-error", EU).models(CLIENT_ERROR_MODEL),
                    ScriptedUpstream.answering(400, VENDOR_400, Map.of()))
            .upstream(Upstream.openAi("eu-hanging", EU).models(HANGING_MODEL).responseTimeout(RESPONSE_TIMEOUT),
                    ScriptedUpstream.hanging(Duration.ofSeconds(30)))
            .upstream(Upstream.unreachable("eu-unreachable", EU).models(UNREACHABLE_MODEL))
            .upstream(Upstream.openAi("eu-breaking", EU).models(BREAKING_MODEL),
                    ScriptedUpstream.breakingOffAfter(STREAM_BEFORE_BREAK))
            .upstream(Upstream.openAi("eu-unfinished", EU).models(UNFINISHED_MODEL),
                    ScriptedUpstream.endingWithoutDone(STREAM_BEFORE_BREAK));

    private static final HttpClient gatewayClient = deployment.client();
    private static final SseClient streamingClient = new SseClient();
    private static final java.net.http.HttpClient rawClient = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    // ---- the client's own mistakes: 4xx, and the upstream never hears of them

    @Test
    @CitrusTest
    void rejectsRequestWithoutApiKeyWith401(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().contentType("application/json").body(completion(HEALTHY_MODEL, false)));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.UNAUTHORIZED)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "missing_api_key", null)));
    }

    @Test
    @CitrusTest
    void rejectsUnknownApiKeyWith401(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", "Bearer rg-not-a-tenant-key")
                .contentType("application/json").body(completion(HEALTHY_MODEL, false)));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.UNAUTHORIZED)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "invalid_api_key", null)));
    }

    @Test
    @CitrusTest
    void rejectsMalformedJsonWith400(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer())
                .contentType("application/json").body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\""));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.BAD_REQUEST)
                .message().type(MessageType.JSON)
                .header("X-Request-Id", "@notEmpty()@")
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "invalid_json", null)));
    }

    @Test
    @CitrusTest
    void rejectsRequestWithoutMessagesWith400NamingTheParam(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer())
                .contentType("application/json").body("{\"model\":\"gpt-4o\"}"));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.BAD_REQUEST)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "invalid_request", "messages")));
    }

    @Test
    @CitrusTest
    void rejectsBodyOverTheLimitWith413(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer())
                .contentType("application/json").body(completionOfSize(MAX_REQUEST_BYTES + 1)));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.PAYLOAD_TOO_LARGE)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "request_too_large", null)));
    }

    @Test
    @CitrusTest
    void answersModelNotServedHereWith404(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer())
                .contentType("application/json").body(completion("gpt-unheard-of", false)));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.NOT_FOUND)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "model_not_found", "model")));
    }

    @Test
    @CitrusTest
    void answersUnknownPathWith404(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().get("/v1/assistants")
                .message().header("Authorization", TENANT.bearer()));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.NOT_FOUND)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "not_found", null)));
    }

    @Test
    @CitrusTest
    void answersWrongMethodWith405AndTheAllowedOne(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().get("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer()));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.METHOD_NOT_ALLOWED)
                .message().type(MessageType.JSON)
                .header("Allow", "POST")
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "method_not_allowed", null)));
        runner.when(http().client(gatewayClient).send().delete("/v1/models")
                .message().header("Authorization", TENANT.bearer()));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.METHOD_NOT_ALLOWED)
                .message().type(MessageType.JSON)
                .header("Allow", "GET")
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "method_not_allowed", null)));
        // the admin paths do not exist on the API listener, whatever the method
        runner.when(http().client(gatewayClient).send().post("/admin/usage/" + TENANT.id()));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.NOT_FOUND)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "not_found", null)));
    }

    @Test
    @CitrusTest
    void listsTheModelsConfiguredForThisRegion(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().get("/v1/models")
                .message().header("Authorization", TENANT.bearer()));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .body("{\"object\":\"list\",\"data\":[" + Stream.of(HEALTHY_MODEL, "gpt-4o-mini", FAILING_MODEL,
                                RATE_LIMITED_MODEL, KEY_REJECTED_MODEL, CLIENT_ERROR_MODEL, HANGING_MODEL,
                                UNREACHABLE_MODEL, BREAKING_MODEL, UNFINISHED_MODEL)
                        .sorted()
                        .map(model -> "{\"id\":\"" + model + "\",\"object\":\"model\",\"created\":\"@ignore@\","
                                + "\"owned_by\":\"@notEmpty()@\"}")
                        .reduce((a, b) -> a + "," + b).orElseThrow() + "]}"));
    }

    @Test
    @CitrusTest
    void listsNoModelsWithoutApiKey(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().get("/v1/models"));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.UNAUTHORIZED)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "missing_api_key", null)));
    }

    /** Bodies a client might get wrong, and the 4xx each must earn. */
    static Stream<Arguments> badRequests() {
        String message = "[{\"role\":\"user\",\"content\":\"hi\"}]";
        return Stream.of(
                Arguments.of("empty body", JSON_TYPE, bytes(""), 400, "invalid_json", null),
                Arguments.of("not JSON", JSON_TYPE, bytes("hello gateway"), 400, "invalid_json", null),
                Arguments.of("JSON null", JSON_TYPE, bytes("null"), 400, "invalid_json", null),
                Arguments.of("JSON array", JSON_TYPE, bytes("[" + message + "]"), 400, "invalid_json", null),
                Arguments.of("trailing garbage", JSON_TYPE, bytes("{\"model\":\"gpt-4o\",\"messages\":" + message + "} extra"),
                        400, "invalid_json", null),
                Arguments.of("duplicate key", JSON_TYPE, bytes("{\"model\":\"gpt-4o\",\"model\":\"gpt-4o-mini\",\"messages\":"
                        + message + "}"), 400, "invalid_json", null),
                Arguments.of("invalid UTF-8", JSON_TYPE, concat(bytes("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""),
                        new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, bytes("\"}]}")), 400, "invalid_json", null),
                Arguments.of("nesting 2000 deep", JSON_TYPE, bytes("{\"model\":\"gpt-4o\",\"messages\":" + message + ",\"x\":"
                        + "[".repeat(2000) + "]".repeat(2000) + "}"), 400, "invalid_json", null),
                Arguments.of("model missing", JSON_TYPE, bytes("{\"messages\":" + message + "}"), 400, "invalid_request", "model"),
                Arguments.of("model not a string", JSON_TYPE, bytes("{\"model\":4,\"messages\":" + message + "}"),
                        400, "invalid_request", "model"),
                Arguments.of("model blank", JSON_TYPE, bytes("{\"model\":\" \",\"messages\":" + message + "}"),
                        400, "invalid_request", "model"),
                Arguments.of("messages empty", JSON_TYPE, bytes("{\"model\":\"gpt-4o\",\"messages\":[]}"),
                        400, "invalid_request", "messages"),
                Arguments.of("messages not a list", JSON_TYPE, bytes("{\"model\":\"gpt-4o\",\"messages\":\"hi\"}"),
                        400, "invalid_request", "messages"),
                Arguments.of("message not an object", JSON_TYPE, bytes("{\"model\":\"gpt-4o\",\"messages\":[\"hi\"]}"),
                        400, "invalid_request", "messages[0]"),
                Arguments.of("message without role", JSON_TYPE, bytes("{\"model\":\"gpt-4o\",\"messages\":[{\"content\":\"hi\"}]}"),
                        400, "invalid_request", "messages[0].role"),
                Arguments.of("stream not a boolean", JSON_TYPE, bytes("{\"model\":\"gpt-4o\",\"stream\":\"yes\",\"messages\":"
                        + message + "}"), 400, "invalid_request", "stream"),
                Arguments.of("form body", "application/x-www-form-urlencoded", bytes("model=gpt-4o&messages=hi"),
                        415, "unsupported_media_type", null),
                Arguments.of("multipart body", "multipart/form-data; boundary=rg", bytes("--rg\r\nContent-Disposition: "
                        + "form-data; name=\"model\"\r\n\r\ngpt-4o\r\n--rg--\r\n"), 415, "unsupported_media_type", null),
                Arguments.of("model not served", JSON_TYPE, bytes("{\"model\":\"gpt-nonexistent\",\"messages\":" + message + "}"),
                        404, "model_not_found", "model"));
    }

    @ParameterizedTest(name = "{0} -> {3} {4}")
    @MethodSource("badRequests")
    void answersClientMistakeWith4xxAndNeverCallsTheUpstream(String mistake, String contentType, byte[] body, int status,
                                                              String code, String param) throws Exception {
        int upstreamCallsBefore = deployment.calls();

        HttpResponse<String> response = post(body, contentType, false);

        assertThat(response.statusCode()).as("status for %s: %s", mistake, response.body()).isEqualTo(status);
        OpenAiErrorShape.assertError(response.body(), INVALID_REQUEST, code, param);
        assertThat(deployment.calls()).as("upstream calls").isEqualTo(upstreamCallsBefore);
    }

    @Test
    void servesBodyOfExactlyTheLimitAndRefusesOneByteMore() throws Exception {
        HttpResponse<String> atLimit = post(bytes(completionOfSize(MAX_REQUEST_BYTES)), JSON_TYPE, false);
        assertThat(atLimit.statusCode()).as("a body of exactly the limit: %s", atLimit.body()).isEqualTo(200);

        HttpResponse<String> overLimit = post(bytes(completionOfSize(MAX_REQUEST_BYTES + 1)), JSON_TYPE, false);
        assertThat(overLimit.statusCode()).isEqualTo(413);
        OpenAiErrorShape.assertError(overLimit.body(), INVALID_REQUEST, "request_too_large", null);
    }

    @Test
    void answersAndErrorsComeWholeWithTheirLength() throws Exception {
        HttpResponse<String> answer = post(bytes(completionOfSize(512)), JSON_TYPE, false);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertWholeWithItsLength(answer);

        HttpResponse<String> error = post(bytes(completion("gpt-unheard-of", false)), JSON_TYPE, false);
        assertThat(error.statusCode()).isEqualTo(404);
        assertWholeWithItsLength(error);
    }

    private static void assertWholeWithItsLength(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Transfer-Encoding")).as("sent chunked").isEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void refusesChunkedUploadOverTheLimitWith413() throws Exception {
        HttpResponse<String> response = post(bytes(completionOfSize(4 * MAX_REQUEST_BYTES)), JSON_TYPE, true);

        assertThat(response.statusCode()).as("chunked upload over the limit: %s", response.body()).isEqualTo(413);
        OpenAiErrorShape.assertError(response.body(), INVALID_REQUEST, "request_too_large", null);
    }

    // ---- the upstream's failures: 502 / 504, never blamed on the client

    @Test
    @CitrusTest
    void answers502WhenUpstreamFailsWith500(@CitrusResource TestCaseRunner runner) {
        expectUpstreamFailure(runner, FAILING_MODEL, "eu-failing", HttpStatus.BAD_GATEWAY, "upstream_error");
    }

    @Test
    @CitrusTest
    void answers502WhenUpstreamRateLimitsTheGateway(@CitrusResource TestCaseRunner runner) {
        expectUpstreamFailure(runner, RATE_LIMITED_MODEL, "eu-rate-limited", HttpStatus.BAD_GATEWAY, "upstream_error");
    }

    @Test
    @CitrusTest
    void answers502WhenUpstreamRejectsTheGatewaysKey(@CitrusResource TestCaseRunner runner) {
        expectUpstreamFailure(runner, KEY_REJECTED_MODEL, "eu-key-rejected", HttpStatus.BAD_GATEWAY, "upstream_error");
    }

    @Test
    @CitrusTest
    void answers502WhenUpstreamRefusesTheConnection(@CitrusResource TestCaseRunner runner) {
        expectUpstreamFailure(runner, UNREACHABLE_MODEL, "eu-unreachable", HttpStatus.BAD_GATEWAY, "upstream_error");
    }

    @Test
    @CitrusTest
    void answers504WhenUpstreamDoesNotAnswerInTime(@CitrusResource TestCaseRunner runner) {
        long started = System.nanoTime();
        expectUpstreamFailure(runner, HANGING_MODEL, "eu-hanging", HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMillis)
                .as("gave up after the upstream's response-timeout (%d ms), not the 60 s default", RESPONSE_TIMEOUT.toMillis())
                .isBetween(RESPONSE_TIMEOUT.toMillis() - 200, RESPONSE_TIMEOUT.toMillis() + 8_000);
    }

    @Test
    @CitrusTest
    void relaysUpstreamsOwnClientErrorAsItWasWritten(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer())
                .contentType("application/json").body(completion(CLIENT_ERROR_MODEL, false)));
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.BAD_REQUEST)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Upstream", "eu-client-error")
                .body(VENDOR_400));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void endsStreamThatBreaksOffWithErrorEventThenDone() throws Exception {
        List<ReceivedEvent> events = streamOf(BREAKING_MODEL);

        assertThat(events).hasSize(STREAM_BEFORE_BREAK.size() + 2);
        assertThat(events.subList(0, STREAM_BEFORE_BREAK.size())).extracting(ReceivedEvent::raw)
                .containsExactlyElementsOf(STREAM_BEFORE_BREAK);
        JsonNode error = OpenAiErrorShape.assertError(events.get(events.size() - 2).data(), SERVER_ERROR, "upstream_error", null);
        assertThat(error.path("message").asText()).contains("eu-breaking");
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void endsStreamThatStopsBeforeDoneWithErrorEventThenDone() throws Exception {
        List<ReceivedEvent> events = streamOf(UNFINISHED_MODEL);

        assertThat(events).hasSize(STREAM_BEFORE_BREAK.size() + 2);
        assertThat(events.subList(0, STREAM_BEFORE_BREAK.size())).extracting(ReceivedEvent::raw)
                .containsExactlyElementsOf(STREAM_BEFORE_BREAK);
        OpenAiErrorShape.assertError(events.get(events.size() - 2).data(), SERVER_ERROR, "upstream_error", null);
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void answersStreamRequestWithPlain502WhenUpstreamFailsBeforeTheFirstByte() {
        try (SseClient.Stream stream = streamingClient.post(deployment.uri("/v1/chat/completions"), TENANT.bearer(),
                completion(FAILING_MODEL, true))) {
            assertThat(stream.status()).isEqualTo(502);
            assertThat(stream.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            OpenAiErrorShape.assertError(stream.remainingText(), SERVER_ERROR, "upstream_error", null);
        }
    }

    // ---- helpers

    private void expectUpstreamFailure(TestCaseRunner runner, String model, String upstreamId, HttpStatus status,
                                       String code) {
        runner.when(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer())
                .contentType("application/json").body(completion(model, false)));
        runner.then(http().client(gatewayClient).receive().response(status)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .header("X-RegionGate-Upstream", upstreamId)
                .header("X-Request-Id", "@notEmpty()@")
                .body(OpenAiErrorShape.expected(SERVER_ERROR, code, null)));
    }

    private static List<ReceivedEvent> streamOf(String model) {
        try (SseClient.Stream stream = streamingClient.post(deployment.uri("/v1/chat/completions"), TENANT.bearer(),
                completion(model, true))) {
            assertThat(stream.status()).isEqualTo(200);
            return stream.readAll();
        }
    }

    private static HttpResponse<String> post(byte[] body, String contentType, boolean chunked)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(deployment.uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", TENANT.bearer())
                .header("Content-Type", contentType)
                .POST(publisher)
                .build();
        return rawClient.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String completion(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    /** A valid completion request of exactly {@code size} bytes. */
    private static String completionOfSize(long size) {
        String prefix = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"";
        String suffix = "\"}]}";
        return prefix + "x".repeat((int) (size - prefix.length() - suffix.length())) + suffix;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
