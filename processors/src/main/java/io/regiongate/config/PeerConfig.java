package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The RegionGate runtime of another region, used for pinning and cross-region failover.
 *
 * @param url             its base URL, e.g. {@code http://us-east-1.gateway.internal:8080}
 * @param circuitBreaker  a named entry of {@code circuit-breakers}
 * @param connectTimeout  how long to wait for the TCP connection
 * @param responseTimeout how long to wait for its first byte, and the longest silence in a stream
 * @param secretEnv       the environment variable holding the link's shared secret (the same value in
 *                        the peer's runtime): forwards are signed with it, and forwards from the peer
 *                        must be
 * @param allowInsecure   whether an {@code http://} URL is accepted (prompts then cross in clear)
 * @param tls             mutual TLS to the peer (this runtime's certificate, the CAs the peer's must chain
 *                        to); null: the JVM's trust store, no client certificate
 */
public record PeerConfig(
        String region,
        String url,
        @JsonProperty("circuit-breaker") String circuitBreaker,
        @JsonProperty("connect-timeout") Duration connectTimeout,
        @JsonProperty("response-timeout") Duration responseTimeout,
        @JsonProperty("secret-env") String secretEnv,
        @JsonProperty("allow-insecure") Boolean allowInsecure,
        PeerTlsConfig tls) {

    /** The shortest link secret accepted: 256 bits of an HMAC-SHA256 key, as characters. */
    public static final int MIN_SECRET_CHARS = 32;

    public PeerConfig {
        circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.DEFAULT_NAME : circuitBreaker;
        connectTimeout = connectTimeout == null ? UpstreamConfig.DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        responseTimeout = responseTimeout == null ? UpstreamConfig.DEFAULT_RESPONSE_TIMEOUT : responseTimeout;
        allowInsecure = Boolean.TRUE.equals(allowInsecure);
    }

    public PeerConfig(String region, String url) {
        this(region, url, null, null, null, null, false, null);
    }
}
