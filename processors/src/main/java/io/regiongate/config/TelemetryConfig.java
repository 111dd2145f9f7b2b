package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where traces go: off unless an OTLP endpoint is declared, and only to one declared for this
 * runtime's own region (another region's refuses start, as an audit endpoint does).
 *
 * @param serviceName the {@code service.name} of the spans; {@code regiongate-<region>} by default
 */
public record TelemetryConfig(OtlpEndpoint otlp, @JsonProperty("service-name") String serviceName) {

    public static TelemetryConfig defaults() {
        return new TelemetryConfig(null, null);
    }

    public boolean tracing() {
        return otlp != null;
    }

    /**
     * @param endpoint the OTLP/HTTP traces URL, e.g. {@code http://collector.eu-west-1.internal:4318/v1/traces}
     * @param region   the region the collector runs in: must be this runtime's
     */
    public record OtlpEndpoint(String endpoint, String region) {
    }
}
