package io.regiongate.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TelemetryConfig;

/**
 * The runtime's OpenTelemetry: OpenTelemetry's no-op unless {@code telemetry.otlp} declares a
 * collector, which configuration validation has checked is in this runtime's own region; then
 * spans are batched and sent over OTLP/HTTP to that endpoint only. No global instance is set.
 */
final class RuntimeTracing implements AutoCloseable {

    private final OpenTelemetry openTelemetry;
    private final OpenTelemetrySdk sdk;

    private RuntimeTracing(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
        this.openTelemetry = openTelemetry;
        this.sdk = sdk;
    }

    static RuntimeTracing of(GatewayConfig config) {
        TelemetryConfig telemetry = config.telemetry();
        if (!telemetry.tracing()) {
            return new RuntimeTracing(OpenTelemetry.noop(), null);
        }
        String service = telemetry.serviceName() != null ? telemetry.serviceName() : "regiongate-" + config.region();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.builder()
                        .put("service.name", service).put("cloud.region", config.region()).build())))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                        .setEndpoint(telemetry.otlp().endpoint()).build()).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
        return new RuntimeTracing(sdk, sdk);
    }

    OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /** Sends what is batched, then stops. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.close();
        }
    }
}
