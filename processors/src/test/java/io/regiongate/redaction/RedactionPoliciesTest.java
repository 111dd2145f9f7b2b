package io.regiongate.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.RedactionAction;
import io.regiongate.config.RedactionConfig;
import io.regiongate.config.RedactionProfileConfig;
import io.regiongate.config.RedactionTarget;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.TenantRedactionConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which profile a request is scanned with: the tenant's, its home zone's, and on a hop from a peer this zone's. */
class RedactionPoliciesTest {

    private static final RedactionConfig REDACTION = new RedactionConfig(
            Map.of("gdpr", new RedactionProfileConfig(List.of("email", "eu-national-id"), RedactionAction.REDACT, List.of("DE")),
                    "ccpa", new RedactionProfileConfig(List.of("us-ssn", "email"), RedactionAction.REDACT, List.of("US")),
                    "strict", new RedactionProfileConfig(List.of("email"), RedactionAction.BLOCK, List.of())),
            Map.of("eu", "gdpr", "us", "ccpa"), Map.of(), null, null);

    private static RedactionPolicies runtimeIn(String region) {
        return new RedactionPolicies(new GatewayConfig(region, null, Map.of("eu", List.of("eu-west-1"), "us", List.of("us-east-1")),
                List.of(), List.of(), Map.of(), List.of(), null, null, null, null, null, REDACTION, "test.yaml"));
    }

    private static TenantConfig tenant(String homeZone, TenantRedactionConfig redaction) {
        return new TenantConfig("t-" + homeZone, "0".repeat(64), homeZone, CrossBorder.ALLOWED, null, null, List.of(), redaction);
    }

    @Test
    void aTenantWithoutOwnSettingsGetsItsHomeZonesProfileOnThePromptOnly() {
        TenantRedaction policy = runtimeIn("eu-west-1").forRequest(tenant("us", null), false).orElseThrow();

        assertThat(policy.profile().name()).isEqualTo("ccpa");
        assertThat(policy.prompt()).isTrue();
        assertThat(policy.completion()).isFalse();
        assertThat(policy.restore()).isFalse();
    }

    @Test
    void aTenantsOwnProfileWinsOverItsZones() {
        TenantRedaction policy = runtimeIn("eu-west-1").forRequest(tenant("eu",
                new TenantRedactionConfig("strict", true, List.of(RedactionTarget.PROMPT, RedactionTarget.COMPLETION))), false)
                .orElseThrow();

        assertThat(policy.profile().name()).isEqualTo("strict");
        assertThat(policy.profile().action()).isEqualTo(RedactionAction.BLOCK);
        assertThat(policy.completion()).isTrue();
        assertThat(policy.restore()).isTrue();
    }

    @Test
    void aPeerReappliesItsOwnZonesProfileToAForwardedRequest() {
        RedactionPolicies usRuntime = runtimeIn("us-east-1");

        assertThat(usRuntime.forRequest(tenant("eu", null), true).orElseThrow().profile().name()).isEqualTo("ccpa");
        assertThat(usRuntime.forRequest(tenant("eu", null), false).orElseThrow().profile().name()).isEqualTo("gdpr");
    }

    @Test
    void noProfileNoRedaction() {
        RedactionPolicies none = new RedactionPolicies(new GatewayConfig("eu-west-1", null, Map.of("eu", List.of("eu-west-1")),
                List.of(), List.of(), Map.of(), List.of(), null, null, null, null, null, null, "test.yaml"));

        assertThat(none.forRequest(tenant("eu", null), false)).isEmpty();
    }
}
