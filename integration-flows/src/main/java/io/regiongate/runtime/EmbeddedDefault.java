package io.regiongate.runtime;

import java.util.Map;

/** The configuration the runtime runs without {@code --config}, and its demo keys. */
public final class EmbeddedDefault {

    public static final String RESOURCE = "regiongate-embedded.yaml";

    /** Demo tenants' plaintext keys; the packaged configuration holds only their hashes. */
    public static final Map<String, String> DEMO_KEYS = Map.of(
            "acme-eu", "rg-demo-acme-eu",
            "globex-us", "rg-demo-globex-us");

    private EmbeddedDefault() {
    }
}
