package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Java SDK works against the gateway by changing nothing but its base URL and
 * key: whole and streamed completions, and the SDK's typed errors from the gateway's error bodies.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenAiJavaSdkIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String REPLY = "Your prompt was answered by the simulated vendor inside eu-west-1 only";

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("openai-java-sdk")
            .tenant(TENANT)
            .simulatedUpstream(List.of("gpt-4o", "gpt-4o-mini"), Duration.ofMillis(20), REPLY);

    private OpenAIClient sdkClient;

    @AfterEach
    void closeClient() {
        if (sdkClient != null) {
            sdkClient.close();
        }
    }

    @Test
    void returnsCompletionWithContentAndUsage() {
        // given the SDK pointed at the gateway with the tenant's key
        sdkClient = sdk(TENANT.apiKey());

        // when it asks for a completion
        ChatCompletion completion = sdkClient.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addUserMessage("Where does my prompt go?")
                .build());

        // then it reads the reply and the usage as from OpenAI itself
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).contains(REPLY);
        assertThat(completion.model()).isEqualTo("gpt-4o");
        CompletionUsage usage = completion.usage().orElseThrow(() -> new AssertionError("no usage block"));
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isEqualTo(REPLY.split(" ").length);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @Test
    void streamsChunksWhoseDeltasMakeTheWholeReply() {
        // given the SDK pointed at the gateway with the tenant's key
        sdkClient = sdk(TENANT.apiKey());

        // when it asks for a streamed completion
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = sdkClient.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage("Stream it, please.")
                        .build())) {
            chunks = stream.stream().toList();
        }

        // then several chunks arrive and their deltas make up the whole reply
        String text = chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse(""))
                .collect(Collectors.joining());
        long chunksWithContent = chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .filter(choice -> choice.delta().content().filter(content -> !content.isEmpty()).isPresent())
                .count();
        assertThat(chunksWithContent).isGreaterThanOrEqualTo(REPLY.split(" ").length);
        assertThat(text).isEqualTo(REPLY);
        assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.choices())
                .anySatisfy(choice -> assertThat(choice.finishReason()).isPresent()));
    }

    @Test
    void surfacesUnknownKeyAsUnauthorizedException() {
        sdkClient = sdk("rg-not-a-tenant-key");

        assertThatThrownBy(() -> sdkClient.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage("hello").build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(401);
                    assertThat(error.code()).contains("invalid_api_key");
                });
    }

    @Test
    void surfacesModelNotServedHereAsNotFoundException() {
        sdkClient = sdk(TENANT.apiKey());

        assertThatThrownBy(() -> sdkClient.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("o1-unavailable-here").addUserMessage("hello").build()))
                .isInstanceOfSatisfying(NotFoundException.class, error -> {
                    assertThat(error.code()).contains("model_not_found");
                    assertThat(error.param()).contains("model");
                });
    }

    private static OpenAIClient sdk(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(deployment.gateway().baseUrl() + "/v1")
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(15))
                .build();
    }
}
