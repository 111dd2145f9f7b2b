package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** How a runtime reaches its region's quota cluster. */
public enum HazelcastMode {
    /** the runtime starts a member of the cluster and stops it with itself */
    @JsonProperty("embedded") EMBEDDED,
    /** the runtime connects as a client to a separate cluster of its region */
    @JsonProperty("client") CLIENT;

    /** As configuration writes it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
