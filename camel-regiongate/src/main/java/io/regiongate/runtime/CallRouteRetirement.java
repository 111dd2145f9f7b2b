package io.regiongate.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the call routes a reload replaced, each once nothing is in flight on it: first after a
 * grace period (a request that picked the route just before the reload may not have entered it yet),
 * then checked every {@link #CHECK_EVERY} until its last call, stream included, has ended.
 */
final class CallRouteRetirement implements AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(5);
    static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(CallRouteRetirement.class);

    private final Supplier<CamelContext> context;
    private final Duration grace;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("regiongate-call-route-retirement"));

    CallRouteRetirement(Supplier<CamelContext> context) {
        this(context, GRACE);
    }

    CallRouteRetirement(Supplier<CamelContext> context, Duration grace) {
        this.context = context;
        this.grace = grace;
    }

    /** Removes the route once idle, then runs {@code afterwards} (e.g. stops its simulator). */
    void retire(String routeId, Runnable afterwards) {
        scheduler.schedule(() -> removeWhenIdle(routeId, afterwards), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void removeWhenIdle(String routeId, Runnable afterwards) {
        if (context.get().getInflightRepository().size(routeId) > 0) {
            scheduler.schedule(() -> removeWhenIdle(routeId, afterwards), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        removeNow(routeId);
        afterwards.run();
    }

    /** Stops and removes the route at once. */
    void removeNow(String routeId) {
        CamelContext camel = context.get();
        try {
            if (camel.getRoute(routeId) != null) {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
                LOG.info("call route {} removed: a reload replaced it", routeId);
            }
        } catch (Exception e) {
            LOG.warn("cannot remove the call route {}: {}", routeId, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
