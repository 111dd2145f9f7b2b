package io.regiongate.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.dispatch.UpstreamStatusPolicy.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 2xx is relayed; a 4xx about the request is the client's to fix; anything else is the
 * upstream's failure and never reaches the client as a 4xx.
 */
class UpstreamStatusPolicyTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 299})
    void relaysSuccess(int status) {
        assertThat(UpstreamStatusPolicy.classify(status)).isEqualTo(Outcome.RELAY);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 413, 415, 422})
    void relaysErrorsAboutTheRequestAsTheClients(int status) {
        assertThat(UpstreamStatusPolicy.classify(status)).isEqualTo(Outcome.CLIENT_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 429, 500, 502, 503, 504, 301, 302, 100, 408})
    void treatsTheGatewaysKeyRateLimitsAndServerErrorsAsUpstreamFailure(int status) {
        assertThat(UpstreamStatusPolicy.classify(status)).isEqualTo(Outcome.UPSTREAM_FAILURE);
    }
}
