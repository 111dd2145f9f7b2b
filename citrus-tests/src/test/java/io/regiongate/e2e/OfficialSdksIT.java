package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.OfficialSdks;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official OpenAI SDKs for Python and Node, at pinned versions, work against the gateway by
 * changing nothing but their base URL and key: whole and streamed completions, and each error the
 * gateway gives reaches them as the SDK's typed error with its status, OpenAI code and type (and
 * {@code Retry-After} on a 429), never as a failure to read the answer.
 */
class OfficialSdksIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final TestTenant US_TENANT = TestTenant.of("globex-us", "us");
    private static final String REPLY = "Answered inside eu-west-1 only";

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("official-sdks")
            .tenant(TENANT)
            .quotas("{tokens-per-minute: 100000}")
            .tenant(US_TENANT)
            .maxRequestBytes(64 * 1024)
            .simulatedUpstream(List.of("gpt-4o", "text-embedding-3-small"), Duration.ofMillis(1), REPLY);

    @ParameterizedTest
    @ValueSource(strings = {"python", "node"})
    void everyAnswerAndEveryErrorReachesTheSdkAsOpenAiWouldGiveIt(String sdk) {
        Map<String, String> environment = Map.of(
                "GATEWAY_URL", deployment.gateway().baseUrl() + "/v1",
                "TENANT_KEY", TENANT.apiKey(),
                "US_TENANT_KEY", US_TENANT.apiKey());
        Function<Map<String, String>, OfficialSdks.Run> runner = "python".equals(sdk) ? OfficialSdks::python : OfficialSdks::node;

        OfficialSdks.Run run = runner.apply(environment);

        Map<String, JsonNode> cases = run.cases();
        assertThat(cases).as(run.output()).containsKeys("chat_json", "chat_stream", "embeddings", "responses_json",
                "responses_stream", "model_get",
                "model_unknown", "bad_key", "residency_refused",
                "unknown_model", "too_large", "over_quota", "region_unavailable");
        assertThat(cases.get("chat_json").path("content").asText()).as(run.output()).isEqualTo(REPLY);
        assertThat(cases.get("chat_json").path("total_tokens").asInt()).isPositive();
        assertThat(cases.get("chat_stream").path("content").asText()).as(run.output()).isEqualTo(REPLY);
        assertThat(cases.get("chat_stream").path("chunks").asInt()).isGreaterThanOrEqualTo(REPLY.split(" ").length);
        assertThat(cases.get("chat_stream").path("total_tokens").asInt()).as("the usage chunk").isPositive();
        assertThat(cases.get("embeddings").path("vectors").asInt()).as(run.output()).isEqualTo(2);
        assertThat(cases.get("embeddings").path("dimensions").asInt()).isEqualTo(4);
        assertThat(cases.get("embeddings").path("total_tokens").asInt()).isEqualTo(4);
        for (String responses : List.of("responses_json", "responses_stream")) {
            assertThat(cases.get(responses).path("content").asText()).as(run.output()).isEqualTo(REPLY);
            assertThat(cases.get(responses).path("total_tokens").asInt()).as(run.output()).isPositive();
        }
        assertThat(cases.get("responses_stream").path("first").asText()).isEqualTo("response.created");
        assertThat(cases.get("responses_stream").path("last").asText()).isEqualTo("response.completed");
        assertThat(cases.get("model_get").path("id").asText()).as(run.output()).isEqualTo("gpt-4o");
        assertRefused(run, "model_unknown", 404, "model_not_found", "invalid_request_error");
        assertRefused(run, "bad_key", 401, "invalid_api_key", "invalid_request_error");
        assertRefused(run, "residency_refused", 403, "residency_not_permitted", "invalid_request_error");
        assertRefused(run, "unknown_model", 404, "model_not_found", "invalid_request_error");
        assertRefused(run, "too_large", 413, "request_too_large", "invalid_request_error");
        assertRefused(run, "over_quota", 429, "rate_limit_exceeded", "tokens");
        assertThat(cases.get("over_quota").path("retry_after").asText()).as("Retry-After of the 429").matches("[1-9][0-9]*");
        assertRefused(run, "region_unavailable", 503, "region_unavailable", "server_error");
    }

    private static void assertRefused(OfficialSdks.Run run, String name, int status, String code, String type) {
        JsonNode line = run.cases().get(name);
        assertThat(line.path("ok").asBoolean()).as("%s must be refused: %s", name, line).isFalse();
        assertThat(line.path("status").asInt()).as("%s: %s", name, line).isEqualTo(status);
        assertThat(line.path("code").asText()).as("%s: %s", name, line).isEqualTo(code);
        assertThat(line.path("type").asText()).as("%s: %s", name, line).isEqualTo(type);
    }
}
