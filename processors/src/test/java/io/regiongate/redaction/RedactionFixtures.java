package io.regiongate.redaction;

import io.regiongate.config.RedactionAction;
import java.util.List;
import java.util.Map;

/** Profiles and sessions for the redaction tests. */
final class RedactionFixtures {

    private RedactionFixtures() {
    }

    static RedactionProfile profile(RedactionAction action, String... detectors) {
        return new RedactionProfile("gdpr", action, new PiiScanner(
                DetectorCatalog.detectors(List.of(detectors), List.of("DE", "FR"), Map.of("employee-id", "EMP-[0-9]{6}"))));
    }

    static RedactionSession session(RedactionAction action, boolean completion, boolean restore, String... detectors) {
        return new RedactionSession(new TenantRedaction(profile(action, detectors), true, completion, restore), 1 << 20, 64);
    }

    static RedactionSession gdpr(boolean completion, boolean restore) {
        return session(RedactionAction.REDACT, completion, restore, "email", "phone", "iban", "payment-card",
                "ip-address", "eu-national-id", "employee-id");
    }
}
