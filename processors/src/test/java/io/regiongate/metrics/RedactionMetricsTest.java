package io.regiongate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.RedactionAction;
import io.regiongate.config.TenantConfig;
import io.regiongate.redaction.DetectorCatalog;
import io.regiongate.redaction.PiiScanner;
import io.regiongate.redaction.RedactionProfile;
import io.regiongate.redaction.RedactionSession;
import io.regiongate.redaction.TenantRedaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Detections are counted per type and profile, with no value in any label. */
class RedactionMetricsTest {

    private static final GatewayConfig CONFIG = new GatewayConfig("eu-west-1", null, Map.of("eu", List.of("eu-west-1")),
            List.of(), null, null, null, null, null, "test");

    @Test
    void countsDetectionsPerTypeAndProfileWithoutValues() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayCall call = new GatewayCall("req_1", Instant.now(), null);
        call.authenticated(new TenantConfig("acme-eu", "0".repeat(64), "eu", CrossBorder.NEVER, null, null, null), "default", null);
        RedactionSession session = new RedactionSession(new TenantRedaction(new RedactionProfile("gdpr", RedactionAction.REDACT,
                new PiiScanner(DetectorCatalog.detectors(List.of("email", "iban"), List.of(), Map.of()))), true, false, false),
                1 << 20, 64);
        session.redact("anna@example.com, bob@example.com, DE89370400440532013000");
        call.redacting(session);

        new RequestMetrics(registry, new MetricLabels(CONFIG)).record(call, 200);

        Counter emails = registry.find("regiongate.redactions").tags("profile", "gdpr", "type", "email", "action", "redact").counter();
        Counter ibans = registry.find("regiongate.redactions").tags("type", "iban").counter();
        assertThat(emails.count()).isEqualTo(2.0);
        assertThat(ibans.count()).isEqualTo(1.0);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags().toString()).doesNotContain("example.com").doesNotContain("DE89");
        }
    }
}
