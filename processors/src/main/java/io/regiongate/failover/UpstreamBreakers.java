package io.regiongate.failover;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.regiongate.config.CircuitBreakerConfig;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.PeerConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.dispatch.DispatchTarget;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Resilience4j circuit breaker per local upstream and per peer, configured from the named
 * {@code circuit-breakers} (each inheriting {@code default}, which inherits the built-in values).
 *
 * <p>The breakers are driven directly (permission before the call, outcome at the first byte)
 * rather than through the camel-resilience4j EIP: that EIP completes the inner exchange when its
 * block ends, which makes camel-http drain and close a streaming body before it is relayed, and it
 * would time a stream's whole length as one call. Here a call's duration is its time to first byte.
 */
public final class UpstreamBreakers {

    private final Map<String, CircuitBreaker> byTarget = new ConcurrentHashMap<>();
    /** The {@code circuit-breaker} name each target's breaker was made from. */
    private final Map<String, String> namedSettings = new ConcurrentHashMap<>();

    public UpstreamBreakers(GatewayConfig config) {
        for (UpstreamConfig upstream : config.localUpstreams()) {
            add(config, upstream.id(), upstream.circuitBreaker());
        }
        for (PeerConfig peer : config.peers()) {
            String id = DispatchTarget.peerId(peer.region());
            add(config, id, peer.circuitBreaker());
        }
    }

    /**
     * After a reload: a breaker for each upstream that has none yet, and a fresh one for an upstream
     * whose {@code circuit-breaker} changed; the others keep their state. A removed upstream's
     * breaker stays (a request planned before the reload may still ask for it).
     */
    public void adopt(GatewayConfig config) {
        for (UpstreamConfig upstream : config.localUpstreams()) {
            String known = namedSettings.get(upstream.id());
            if (!String.valueOf(upstream.circuitBreaker()).equals(known)) {
                add(config, upstream.id(), upstream.circuitBreaker());
            }
        }
    }

    private void add(GatewayConfig config, String targetId, String settingsName) {
        byTarget.put(targetId, CircuitBreaker.of(targetId, settings(config, settingsName)));
        namedSettings.put(targetId, String.valueOf(settingsName));
    }

    public CircuitBreaker of(String targetId) {
        CircuitBreaker breaker = byTarget.get(targetId);
        if (breaker == null) {
            throw new NoSuchElementException("no circuit breaker for '" + targetId + "'");
        }
        return breaker;
    }

    /** The named settings with inheritance applied, as a Resilience4j configuration. */
    static io.github.resilience4j.circuitbreaker.CircuitBreakerConfig settings(GatewayConfig config, String name) {
        CircuitBreakerConfig base = config.circuitBreakers().getOrDefault(CircuitBreakerConfig.DEFAULT_NAME,
                CircuitBreakerConfig.BUILT_IN).inheriting(CircuitBreakerConfig.BUILT_IN);
        CircuitBreakerConfig named = config.circuitBreakers().getOrDefault(name, base).inheriting(base);
        return io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .failureRateThreshold(named.failureRateThreshold())
                .slowCallRateThreshold(named.failureRateThreshold())
                .slowCallDurationThreshold(named.slowCallDuration())
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(named.minimumCalls())
                .minimumNumberOfCalls(named.minimumCalls())
                .waitDurationInOpenState(named.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(named.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }
}
