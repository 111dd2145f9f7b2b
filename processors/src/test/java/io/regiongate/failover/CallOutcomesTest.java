package io.regiongate.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.failover.CallOutcomes.Kind;
import io.regiongate.failover.CallOutcomes.StatusClass;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One reading of a call's outcome for the failover loop, the error answer and the streamed call: a
 * 2xx is relayed, a 4xx about the request is the client's to fix, anything else is the target's
 * failure and never reaches the client as a 4xx; timeouts and connection failures are the target's
 * too, the gateway's own refusals never fail over, anything else is an internal fault.
 */
class CallOutcomesTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 299})
    void relaysSuccess(int status) {
        assertThat(CallOutcomes.ofStatus(status, false)).isEqualTo(StatusClass.RELAY);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 413, 415, 422})
    void relaysErrorsAboutTheRequestAsTheClients(int status) {
        assertThat(CallOutcomes.ofStatus(status, false)).isEqualTo(StatusClass.CLIENT_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 429, 500, 502, 503, 504, 301, 302, 100, 408})
    void treatsTheGatewaysKeyRateLimitsAndServerErrorsAsTheTargetsFailure(int status) {
        assertThat(CallOutcomes.ofStatus(status, false)).isEqualTo(StatusClass.TARGET_FAILURE);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 413, 422, 429})
    void aPeersClientErrorsAndRateLimitsAreTheTenantsAndRelayed(int status) {
        assertThat(CallOutcomes.ofStatus(status, true)).isEqualTo(StatusClass.CLIENT_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 301, 100})
    void onlyAPeersServerErrorsAreItsFailure(int status) {
        assertThat(CallOutcomes.ofStatus(status, true)).isEqualTo(StatusClass.TARGET_FAILURE);
    }

    @Test
    void aPeerRefusingThisRuntimesProofIsThePeersFailureNotTheTenants() {
        assertThat(CallOutcomes.peerRefusedTheLink(OpenAiError.peerProofRefused("the signature does not match the request")))
                .isTrue();
        assertThat(CallOutcomes.peerRefusedTheLink(OpenAiError.invalidApiKey())).isFalse();
        assertThat(CallOutcomes.peerRefusedTheLink(null)).isFalse();
    }

    @Test
    void aTargetsStatusFailureIsA502NamingItAndA429CarriesItsRetryAfter() {
        CallOutcomes.Classified failed = CallOutcomes.classify(CallOutcomes.failureOfStatus("eu-primary", 429, "7"), "eu-primary");

        assertThat(failed.kind()).isEqualTo(Kind.TARGET_FAILURE);
        assertThat(failed.failoverHop()).isEqualTo("http-429");
        assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failed.error().status()).isEqualTo(502);
        assertThat(failed.error().message()).contains("eu-primary", "HTTP 429");
        assertThat(CallOutcomes.failureOfStatus("eu-primary", 503, "7").retryAfter()).isNull();
    }

    @Test
    void aTimeoutIsA504AndARefusedConnectionA502BothMayFailOver() {
        CallOutcomes.Classified timeout = CallOutcomes.classify(new SocketTimeoutException("read timed out"), "eu-primary");
        CallOutcomes.Classified refused = CallOutcomes.classify(new ConnectException("refused"), "eu-primary");

        assertThat(timeout.mayFailOver()).isTrue();
        assertThat(timeout.failoverHop()).isEqualTo("timeout");
        assertThat(timeout.error().code()).isEqualTo("upstream_timeout");
        assertThat(refused.mayFailOver()).isTrue();
        assertThat(refused.failoverHop()).isEqualTo("connect-error");
        assertThat(refused.error().status()).isEqualTo(502);
    }

    @Test
    void aFailedTlsHandshakeIsTheTargetsFailureA502NamedTlsErrorNeverTheTenants() {
        CallOutcomes.Classified refusedCertificate = CallOutcomes.classify(new java.io.IOException("call failed",
                new javax.net.ssl.SSLHandshakeException("Received fatal alert: certificate_required")), "peer-eu-west-1");

        assertThat(refusedCertificate.mayFailOver()).isTrue();
        assertThat(refusedCertificate.failoverHop()).isEqualTo("tls-error");
        assertThat(refusedCertificate.error().status()).isEqualTo(502);
        assertThat(refusedCertificate.error().message()).contains("TLS handshake failed");
    }

    @Test
    void theGatewaysOwnRefusalIsAnsweredAsItIsAndNeverFailsOver() {
        OpenAiError quota = OpenAiError.quotaUnavailable();

        CallOutcomes.Classified outcome = CallOutcomes.classify(new RuntimeException(new GatewayException(quota)), null);

        assertThat(outcome.kind()).isEqualTo(Kind.GATEWAY_ANSWER);
        assertThat(outcome.error()).isEqualTo(quota);
        assertThat(outcome.mayFailOver()).isFalse();
    }

    @Test
    void anythingElseIsAnInternalFault() {
        assertThat(CallOutcomes.classify(new IllegalStateException("bug"), "eu-primary").kind()).isEqualTo(Kind.INTERNAL);
    }

    @Test
    void aStreamedTargetSilentPastItsResponseTimeoutIsATimeout() {
        IOException failure = CallOutcomes.asCallFailure(new NoStackTraceTimeoutException(
                "The timeout period of 2000ms has been exceeded while executing POST /v1/chat/completions"));

        assertThat(failure).isInstanceOf(InterruptedIOException.class);
        assertThat(CallOutcomes.classify(failure, "eu-primary").isTimeout()).isTrue();
    }

    @Test
    void aStreamedTargetNotConnectedWithinItsConnectTimeoutIsATimeout() {
        assertThat(CallOutcomes.asCallFailure(new ConnectTimeoutException("connection timed out")))
                .isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void aRefusedOrClosedStreamedConnectionIsAConnectError() {
        assertThat(CallOutcomes.asCallFailure(new ConnectException("Connection refused")))
                .isNotInstanceOf(InterruptedIOException.class).isInstanceOf(ConnectException.class);
        IOException closed = CallOutcomes.asCallFailure(new HttpClosedException("Connection was closed"));
        assertThat(closed).isNotInstanceOf(InterruptedIOException.class).hasCauseInstanceOf(HttpClosedException.class);
        assertThat(CallOutcomes.classify(closed, "eu-primary").isConnectError()).isTrue();
    }
}
