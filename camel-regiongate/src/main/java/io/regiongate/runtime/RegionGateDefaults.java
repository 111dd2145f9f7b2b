package io.regiongate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The library's tuning defaults, {@value #RESOURCE}: Camel properties the flows read (the audit
 * writer's queue, Kafka producer timeouts, ...). They are added to the host's context as initial
 * properties, the lowest layer: the host's own properties, {@code -D} and environment variables
 * override them. A library-specific name, so that they never shadow a host's
 * {@code application.properties} nor are shadowed by it.
 */
final class RegionGateDefaults {

    static final String RESOURCE = "regiongate-defaults.properties";

    private RegionGateDefaults() {
    }

    static Properties load() {
        Properties defaults = new Properties();
        try (InputStream in = RegionGateDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return defaults;
    }
}
