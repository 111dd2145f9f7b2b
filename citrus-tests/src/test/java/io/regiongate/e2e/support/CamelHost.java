package io.regiongate.e2e.support;

import io.regiongate.camel.RegionGateRoutes;
import io.regiongate.runtime.RegionGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A host Camel application in the test JVM, as an integration estate runs one: a
 * {@link DefaultCamelContext} of its own with its own routes, to which RegionGate is added as a
 * library ({@link RegionGateRoutes}) reading the scenario's configuration file through the Camel
 * property {@value RegionGateRoutes#CONFIG_FILE}. RegionGate's quota cluster member and audit
 * writer start and stop with this context. The upstream keys come from the configuration's
 * environment, as the standalone runtime's process gets them.
 */
public final class CamelHost implements AutoCloseable {

    private final CamelContext context;
    private final ProducerTemplate producer;
    private final int adminPort;

    private CamelHost(CamelContext context, int adminPort) {
        this.context = context;
        this.producer = context.createProducerTemplate();
        this.adminPort = adminPort;
    }

    static CamelHost start(Path directory, GatewayConfigFile config, RoutesBuilder hostRoutes) {
        Map<String, String> environment = config.environment();
        // the standalone runtime's relative default is its working directory's; this JVM's is another
        config.auditJournal(directory.resolve("data/audit").toString());
        try {
            Files.createDirectories(directory);
            Path configFile = Files.writeString(directory.resolve("regiongate.yaml"), config.yaml());
            CamelContext context = new DefaultCamelContext();
            context.getCamelContextExtension().setName("host-" + directory.getFileName());
            context.getPropertiesComponent().addInitialProperty(RegionGateRoutes.CONFIG_FILE, configFile.toString());
            context.addRoutes(new RegionGateRoutes(name -> environment.containsKey(name)
                    ? environment.get(name) : System.getenv(name)));
            context.addRoutes(hostRoutes);
            System.out.println("[e2e] starting a host Camel context with RegionGate from " + configFile);
            // started: the quota cluster joined, the audit writer and the listeners are open (a scenario
            // about readiness reads it itself, see HostHealthIT)
            context.start();
            if (RegionGate.of(context) == null) {
                throw new IllegalStateException("the host context started without RegionGate");
            }
            return new CamelHost(context, config.adminPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the host's configuration in " + directory, e);
        } catch (Exception e) {
            throw new IllegalStateException("the host Camel context did not start: " + e.getMessage(), e);
        }
    }

    public CamelContext context() {
        return context;
    }

    /** Sends into the host's own routes, as its other parts would. */
    public ProducerTemplate producer() {
        return producer;
    }

    /** {@code http://127.0.0.1:<admin port><path>}: RegionGate's admin listener in this host. */
    public URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + adminPort + path);
    }

    @Override
    public void close() {
        context.stop();
    }
}
