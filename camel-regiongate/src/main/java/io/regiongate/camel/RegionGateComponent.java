package io.regiongate.camel;

import java.util.Locale;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code regiongate:chat} and {@code regiongate:models}: calls the region's flows in-process, with
 * the same steps as the HTTP API (authenticate, residency with pinning, quota, dispatch with
 * failover, audit). The flows must be in the context ({@link RegionGateRoutes}); its options
 * name their configuration.
 */
@Component("regiongate")
public final class RegionGateComponent extends DefaultComponent {

    @Metadata(label = "common", required = true, description = "The deployment's RegionGate configuration file"
            + " (the standalone runtime's YAML; `classpath:` for a resource). Read by RegionGateRoutes as the"
            + " Camel property camel.component.regiongate.config-file.")
    private String configFile;

    @Metadata(label = "common", description = "Overrides the configuration's region, as --region does.")
    private String region;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        RegionGateOperation operation;
        try {
            operation = RegionGateOperation.valueOf(remaining.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("regiongate:" + remaining + " is no operation; use regiongate:chat or "
                    + "regiongate:models");
        }
        RegionGateEndpoint endpoint = new RegionGateEndpoint(uri, this, operation);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public String getConfigFile() {
        return configFile;
    }

    public void setConfigFile(String configFile) {
        this.configFile = configFile;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }
}
