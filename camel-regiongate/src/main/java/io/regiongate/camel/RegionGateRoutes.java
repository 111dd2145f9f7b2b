package io.regiongate.camel;

import io.regiongate.config.ConfigException;
import io.regiongate.config.ConfigLoader;
import io.regiongate.config.ConfigSource;
import io.regiongate.config.GatewayConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.runtime.RegionGate;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.RuntimeCamelException;

/**
 * RegionGate in a host's Camel context: add this builder like any other
 * ({@code context.addRoutes(new RegionGateRoutes())}, or with Camel Main
 * {@code camel.main.routes-builder-classes=io.regiongate.camel.RegionGateRoutes}) and it adds the
 * region's flows, its step processors and the parts with a life of their own, which start and stop
 * with the context ({@link RegionGate}).
 *
 * <p>The configuration is the standalone runtime's YAML file, named by the Camel property
 * {@value #CONFIG_FILE} ({@code classpath:} for a resource); {@value #REGION} overrides its
 * region. A bad file fails the context's start with a message naming the file, the key and the
 * problem. Secrets (upstream keys, TLS passwords, the admin token) come from the environment.
 */
public final class RegionGateRoutes implements RoutesBuilder {

    /** The deployment's configuration file. */
    public static final String CONFIG_FILE = "camel.component.regiongate.config-file";
    /** Overrides the file's {@code region}, as {@code --region} does. */
    public static final String REGION = "camel.component.regiongate.region";

    private static final String CLASSPATH = "classpath:";

    private final GatewayConfig config;
    private ConfigSource source;
    private final Function<String, String> environment;
    private final Consumer<List<ResolvedUpstream>> onStarted;
    private Runnable onStartFailure = () -> { };
    private RegionGate added;

    /** The configuration named by {@value #CONFIG_FILE}; secrets from the process's environment. */
    public RegionGateRoutes() {
        this(System::getenv);
    }

    /**
     * The configuration named by {@value #CONFIG_FILE}; secrets (upstream keys, TLS passwords, the
     * admin token, the peer link secret) from {@code environment}, e.g. a host's secret store.
     */
    public RegionGateRoutes(Function<String, String> environment) {
        this(null, environment, upstreams -> { });
    }

    /**
     * An already loaded and validated configuration (the standalone runtime's).
     *
     * @param onStarted told the local upstreams once the context has started and the API listens
     */
    public RegionGateRoutes(GatewayConfig config, Function<String, String> environment,
                            Consumer<List<ResolvedUpstream>> onStarted) {
        this(config, null, environment, onStarted);
    }

    /**
     * An already loaded and validated configuration and where it was read from, which
     * {@code POST /admin/reload} and the file watch read again.
     */
    public RegionGateRoutes(GatewayConfig config, ConfigSource source, Function<String, String> environment,
                            Consumer<List<ResolvedUpstream>> onStarted) {
        this.config = config;
        this.source = source;
        this.environment = environment;
        this.onStarted = onStarted;
    }

    /**
     * Run when the listeners cannot open once the context started (the context's start fails
     * then too); a host of its own, such as the standalone runtime, ends there.
     */
    public RegionGateRoutes onStartFailure(Runnable action) {
        this.onStartFailure = action;
        return this;
    }

    /** The RegionGate this builder added, once it did. */
    public RegionGate regionGate() {
        return added;
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        if (RegionGate.of(context) != null) {
            throw new IllegalStateException("RegionGate is already added to the Camel context " + context.getName()
                    + ": one region per context");
        }
        GatewayConfig loaded = config != null ? config : load(context);
        added = RegionGate.addTo(context, loaded, source, environment, onStarted);
        added.onStartFailure(onStartFailure);
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) {
        // the call routes made from templates are added with the rest, in addRoutesToCamelContext
    }

    @Override
    public Set<String> updateRoutesToCamelContext(CamelContext context) {
        throw new UnsupportedOperationException("RegionGate's routes are not reloaded; restart the context");
    }

    private GatewayConfig load(CamelContext context) {
        String file = context.getPropertiesComponent().resolveProperty(CONFIG_FILE)
                .orElseThrow(() -> new RuntimeCamelException("RegionGate needs its configuration file: set the Camel "
                        + "property " + CONFIG_FILE));
        String region = context.getPropertiesComponent().resolveProperty(REGION).orElse(null);
        source = file.startsWith(CLASSPATH)
                ? ConfigSource.resource(file.substring(CLASSPATH.length()), region)
                : ConfigSource.file(Path.of(file), region);
        try {
            return source.load(new ConfigLoader(environment));
        } catch (ConfigException e) {
            throw new RuntimeCamelException("regiongate: " + e.getMessage(), e);
        }
    }
}
