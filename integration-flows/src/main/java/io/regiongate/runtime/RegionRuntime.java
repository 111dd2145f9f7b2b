package io.regiongate.runtime;

import io.regiongate.camel.RegionGateRoutes;
import io.regiongate.config.ConfigSource;
import io.regiongate.config.GatewayConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.main.Main;

/**
 * The standalone runtime: a Camel Main that hosts the RegionGate library ({@link RegionGateRoutes})
 * as any other Camel application would, plus what a process of its own decides: its name, no
 * JMX, no stream caching, how long a shutdown may take.
 */
public final class RegionRuntime {

    private final GatewayConfig config;
    private final ConfigSource source;
    private final Function<String, String> environment;
    private final Main main = new Main();

    public RegionRuntime(GatewayConfig config, Function<String, String> environment) {
        this(config, null, environment);
    }

    /** @param source where {@code config} was read, read again by {@code POST /admin/reload} and the file watch */
    public RegionRuntime(GatewayConfig config, ConfigSource source, Function<String, String> environment) {
        this.config = config;
        this.source = source;
        this.environment = environment;
    }

    /** Starts the runtime and blocks until it is shut down (SIGTERM, Ctrl-C). */
    public void run(Consumer<List<ResolvedUpstream>> onStarted) throws Exception {
        RegionGateRoutes regionGate = new RegionGateRoutes(config, source, environment, onStarted).onStartFailure(main::completed);
        main.configure().withName("regiongate-" + config.region())
                .withStreamCachingEnabled(false)
                .withJmxEnabled(false)
                .withShutdownTimeout(15);
        main.configure().addRoutesBuilder(regionGate);
        try {
            main.run();
        } finally {
            // after a failed start the context may never have stopped: release the region's parts here
            RegionGate gate = regionGate.regionGate();
            if (gate != null) {
                gate.close();
            }
        }
        RegionGate gate = regionGate.regionGate();
        if (gate != null && gate.startFailure() != null) {
            throw new IllegalStateException(gate.startFailure());
        }
    }

    /** Asks a running runtime to stop; {@link #run} then returns. */
    public void stop() {
        main.completed();
    }
}
