package io.regiongate.e2e.support;

import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** A host's routes written in Camel's YAML DSL, as an integration estate keeps them, loaded into its context. */
public final class YamlRoutes implements RoutesBuilder {

    private final String name;
    private final String yaml;

    private YamlRoutes(String name, String yaml) {
        this.name = name;
        this.yaml = yaml;
    }

    /** @param name the routes' file name, ending in {@code .camel.yaml} */
    public static YamlRoutes of(String name, String yaml) {
        return new YamlRoutes(name, yaml);
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(name, yaml));
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) {
        // none
    }

    @Override
    public Set<String> updateRoutesToCamelContext(CamelContext context) {
        throw new UnsupportedOperationException("the host's YAML routes are not reloaded");
    }
}
