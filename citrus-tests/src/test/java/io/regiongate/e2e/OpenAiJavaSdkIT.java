package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.SelfSignedCertificate;
import io.regiongate.e2e.support.TestTenant;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Java SDK works against the gateway by changing nothing but its base URL and
 * key: whole and streamed completions, and the SDK's typed errors from the gateway's error bodies.
 * The gateway's API listener speaks TLS here ({@code listen.tls}, a certificate the deployment's test
 * CA signed, client certificates required): the SDK trusts that CA and presents a certificate it
 * signed; without one, or with an expired one, it is refused in the handshake and gets no answer.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenAiJavaSdkIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String REPLY = "Your prompt was answered by the simulated vendor inside eu-west-1 only";

    private static final String PASSWORD = "changeit-" + Long.toHexString(System.nanoTime());
    private static final Path CERTIFICATES = Path.of("target", "e2e", "openai-java-sdk-certificates").toAbsolutePath();
    private static final Path AUTHORITY = SelfSignedCertificate.createAuthority(CERTIFICATES, "test-ca", PASSWORD);
    private static final Path AUTHORITY_PEM = SelfSignedCertificate.authorityPem(AUTHORITY, PASSWORD);
    private static final Path GATEWAY_KEYS = SelfSignedCertificate.createSignedBy(AUTHORITY, CERTIFICATES, "gateway",
            PASSWORD, false, SelfSignedCertificate.LOOPBACK_NAMES);
    private static final Path CLIENT_KEYS = SelfSignedCertificate.createSignedBy(AUTHORITY, CERTIFICATES, "sdk-client",
            PASSWORD, false);
    private static final Path EXPIRED_CLIENT_KEYS = SelfSignedCertificate.createSignedBy(AUTHORITY, CERTIFICATES,
            "expired-sdk-client", PASSWORD, true);

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("openai-java-sdk")
            .tenant(TENANT)
            .simulatedUpstream(List.of("gpt-4o", "gpt-4o-mini"), Duration.ofMillis(20), REPLY)
            .environment("GATEWAY_KEYSTORE_PASSWORD", PASSWORD)
            .configure(config -> config.listenOption("tls", "{keystore: \"" + GATEWAY_KEYS + "\", keystore-password-env: "
                    + "GATEWAY_KEYSTORE_PASSWORD, client-auth: need, trust: \"" + AUTHORITY_PEM + "\"}"));

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

    @Test
    void anSdkWithoutTheRequiredCertificateOrWithAnExpiredOneIsRefusedInTheHandshake() {
        for (Path keys : java.util.Arrays.asList(null, EXPIRED_CLIENT_KEYS)) {
            sdkClient = sdk(TENANT.apiKey(), keys);

            assertThatThrownBy(() -> sdkClient.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("gpt-4o").addUserMessage("hello").build()))
                    .as(keys == null ? "no client certificate" : "an expired client certificate")
                    .isInstanceOf(OpenAIIoException.class)
                    .hasRootCauseInstanceOf(java.io.IOException.class);
            sdkClient.close();
            sdkClient = null;
        }
    }

    private static OpenAIClient sdk(String apiKey) {
        return sdk(apiKey, CLIENT_KEYS);
    }

    /** The SDK over TLS: it trusts the test CA and presents the certificate in {@code keys} (none when null). */
    private static OpenAIClient sdk(String apiKey, Path keys) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(AUTHORITY_PEM)) {
                trusted.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManagerFactory keyManagers = null;
            if (keys != null) {
                KeyStore own = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keys)) {
                    own.load(in, PASSWORD.toCharArray());
                }
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(own, PASSWORD.toCharArray());
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
            return OpenAIOkHttpClient.builder()
                    .baseUrl("https://127.0.0.1:" + deployment.gateway().port() + "/v1")
                    .apiKey(apiKey)
                    .sslSocketFactory(tls.getSocketFactory())
                    .trustManager((X509TrustManager) trust.getTrustManagers()[0])
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(15))
                    .build();
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the SDK's TLS", e);
        }
    }
}
