package io.regiongate.e2e;

import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SelfSignedCertificate;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vendors are reached over TLS, as real ones are: their certificate is checked against the JVM's
 * trust store ({@code javax.net.ssl.trustStore}) and their address, for streamed requests (Vert.x's
 * client) and whole answers (camel-http) alike. A vendor whose certificate is not trusted is never
 * sent a prompt: the request fails as an upstream error. The same holds for an upstream with
 * {@code http2: true}, which asks for HTTP/2 by ALPN: these vendors (the JDK's HTTPS server) offer
 * none, so the stream goes over HTTP/1.1.
 */
class UpstreamTlsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String TRUSTED = "eu-tls-trusted";
    private static final String UNTRUSTED = "eu-tls-untrusted";
    private static final String WRONG_HOST = "eu-tls-wrong-host";
    private static final String TRUSTED_MODEL = "gpt-4o";
    private static final String UNTRUSTED_MODEL = "gpt-4o-mini";
    private static final String WRONG_HOST_MODEL = "gpt-4.1";
    private static final String TRUSTED_H2 = "eu-tls-h2-trusted";
    private static final String UNTRUSTED_H2 = "eu-tls-h2-untrusted";
    private static final String TRUSTED_H2_MODEL = "gpt-4.1-mini";
    private static final String UNTRUSTED_H2_MODEL = "gpt-4.1-nano";
    private static final List<String> EVENTS =
            VendorReplies.streamEvents("chatcmpl-tls", List.of("Sent", "over", "TLS"));

    private static final HttpHandler ANSWERS = ScriptedUpstream.byStreamFlag(
            VendorReplies.completes("chatcmpl-tls", "Whole over TLS"), ScriptedUpstream.streaming(EVENTS));

    /** Five vendors over TLS, each with a self-signed certificate of its own; the gateway trusts three. */
    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("upstream-tls")
            .tenant(ACME_EU)
            .tlsUpstream(Upstream.openAi(TRUSTED, EU).models(TRUSTED_MODEL), ANSWERS,
                    SelfSignedCertificate.LOOPBACK_NAMES, true)
            .tlsUpstream(Upstream.openAi(UNTRUSTED, EU).models(UNTRUSTED_MODEL), ANSWERS,
                    SelfSignedCertificate.LOOPBACK_NAMES, false)
            // trusted, but issued for another host than the one the gateway connects to
            .tlsUpstream(Upstream.openAi(WRONG_HOST, EU).models(WRONG_HOST_MODEL), ANSWERS,
                    "dns:vendor.elsewhere.example", true)
            .tlsUpstream(Upstream.openAi(TRUSTED_H2, EU).models(TRUSTED_H2_MODEL).http2(), ANSWERS,
                    SelfSignedCertificate.LOOPBACK_NAMES, true)
            .tlsUpstream(Upstream.openAi(UNTRUSTED_H2, EU).models(UNTRUSTED_H2_MODEL).http2(), ANSWERS,
                    SelfSignedCertificate.LOOPBACK_NAMES, false);

    private final SseClient client = new SseClient();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void relaysAStreamFromATrustedVendorOverTls() {
        try (SseClient.Stream stream = client.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest(TRUSTED_MODEL, "tls-" + UUID.randomUUID(), true))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.readAll()).extracting(ReceivedEvent::raw).containsExactlyElementsOf(EVENTS);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void relaysAStreamOverHttp11WhenAnHttp2UpstreamOffersNoneByAlpn() {
        try (SseClient.Stream stream = client.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest(TRUSTED_H2_MODEL, "tls-" + UUID.randomUUID(), true))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.readAll()).extracting(ReceivedEvent::raw).containsExactlyElementsOf(EVENTS);
        }
        assertThat(deployment.calls(TRUSTED_H2)).as("requests the vendor received").isEqualTo(1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void neverSendsAPromptOverHttp2ToAVendorWhoseCertificateIsNotTrusted() {
        try (SseClient.Stream answer = client.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest(UNTRUSTED_H2_MODEL, "tls-" + UUID.randomUUID(), true))) {
            assertThat(answer.status()).isEqualTo(502);
            OpenAiErrorShape.assertError(answer.remainingText(), SERVER_ERROR, "upstream_error", null);
        }
        assertThat(deployment.calls(UNTRUSTED_H2)).as("requests the untrusted vendor received").isZero();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void passesOnAWholeAnswerFromATrustedVendorOverTls() throws Exception {
        try (SseClient.Stream answer = client.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest(TRUSTED_MODEL, "tls-" + UUID.randomUUID(), false))) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(JSON.readTree(answer.remainingText()).path("choices").path(0).path("message").path("content")
                    .asText()).isEqualTo("Whole over TLS");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void neverSendsAPromptToAVendorWhoseCertificateIsNotTrusted() {
        for (boolean streamed : new boolean[] {true, false}) {
            try (SseClient.Stream answer = client.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                    chatRequest(UNTRUSTED_MODEL, "tls-" + UUID.randomUUID(), streamed))) {
                assertThat(answer.status()).as("streamed %s", streamed).isEqualTo(502);
                OpenAiErrorShape.assertError(answer.remainingText(), SERVER_ERROR, "upstream_error", null);
            }
        }
        assertThat(deployment.calls(UNTRUSTED)).as("requests the untrusted vendor received").isZero();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void neverSendsAPromptToAVendorWhoseTrustedCertificateNamesAnotherHost() {
        for (boolean streamed : new boolean[] {true, false}) {
            try (SseClient.Stream answer = client.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                    chatRequest(WRONG_HOST_MODEL, "tls-" + UUID.randomUUID(), streamed))) {
                assertThat(answer.status()).as("streamed %s", streamed).isEqualTo(502);
                OpenAiErrorShape.assertError(answer.remainingText(), SERVER_ERROR, "upstream_error", null);
            }
        }
        assertThat(deployment.calls(WRONG_HOST)).as("requests the wrong-host vendor received").isZero();
    }
}
