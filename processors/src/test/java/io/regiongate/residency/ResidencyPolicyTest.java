package io.regiongate.residency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.api.GatewayException;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every policy × residency header × consent combination, for a tenant homed in the EU. */
class ResidencyPolicyTest {

    private static final List<String> EU = List.of("eu-west-1", "eu-central-1");
    private static final List<String> US = List.of("us-east-1", "us-west-2");
    private static final List<String> ALL = List.of("eu-west-1", "eu-central-1", "us-east-1", "us-west-2");

    private static final GatewayConfig CONFIG = new GatewayConfig("eu-west-1", null,
            Map.of("eu", EU, "us", US), null, null, null, null, null, null, "test");

    private final ResidencyPolicy policy = new ResidencyPolicy(CONFIG);

    /** policy, X-RegionGate-Residency, X-RegionGate-Consent, expected regions (null: refused), refusal status. */
    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of(CrossBorder.NEVER, null, null, EU, 0),
                Arguments.of(CrossBorder.NEVER, null, "c-1", EU, 0),
                Arguments.of(CrossBorder.NEVER, "eu", null, EU, 0),
                Arguments.of(CrossBorder.NEVER, "eu", "c-1", EU, 0),
                Arguments.of(CrossBorder.NEVER, "us", null, null, 403),
                Arguments.of(CrossBorder.NEVER, "us", "c-1", null, 403),
                Arguments.of(CrossBorder.NEVER, "mars", null, null, 400),
                Arguments.of(CrossBorder.WITH_CONSENT, null, null, EU, 0),
                Arguments.of(CrossBorder.WITH_CONSENT, null, "c-1", ALL, 0),
                Arguments.of(CrossBorder.WITH_CONSENT, "eu", null, EU, 0),
                Arguments.of(CrossBorder.WITH_CONSENT, "eu", "c-1", EU, 0),
                Arguments.of(CrossBorder.WITH_CONSENT, "us", null, null, 403),
                Arguments.of(CrossBorder.WITH_CONSENT, "us", "c-1", US, 0),
                Arguments.of(CrossBorder.WITH_CONSENT, "mars", "c-1", null, 400),
                Arguments.of(CrossBorder.ALLOWED, null, null, ALL, 0),
                Arguments.of(CrossBorder.ALLOWED, null, "c-1", ALL, 0),
                Arguments.of(CrossBorder.ALLOWED, "eu", null, EU, 0),
                Arguments.of(CrossBorder.ALLOWED, "eu", "c-1", EU, 0),
                Arguments.of(CrossBorder.ALLOWED, "us", null, US, 0),
                Arguments.of(CrossBorder.ALLOWED, "us", "c-1", US, 0),
                Arguments.of(CrossBorder.ALLOWED, "mars", null, null, 400));
    }

    @ParameterizedTest(name = "{0}, residency {1}, consent {2} -> {3} / {4}")
    @MethodSource("combinations")
    void allowsExactlyTheRegionsThePolicyHeaderAndConsentPermit(CrossBorder crossBorder, String residency,
                                                                String consent, List<String> expected, int refusal) {
        TenantConfig tenant = tenant(crossBorder);
        if (expected == null) {
            assertThatThrownBy(() -> policy.decide(tenant, residency, consent, false))
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.error().status()).isEqualTo(refusal));
            return;
        }
        ResidencyDecision decision = policy.decide(tenant, residency, consent, false);
        assertThat(decision.allowedRegions()).containsExactlyInAnyOrderElementsOf(expected);
        for (String region : ALL) {
            assertThat(decision.permits(region)).as(region).isEqualTo(expected.contains(region));
        }
    }

    @Test
    void recordsTheConsentIdOnlyWhenSent() {
        assertThat(policy.decide(tenant(CrossBorder.WITH_CONSENT), null, " c-42 ", false).consentId()).isEqualTo("c-42");
        assertThat(policy.decide(tenant(CrossBorder.WITH_CONSENT), null, null, false).consentId()).isNull();
        assertThat(policy.decide(tenant(CrossBorder.WITH_CONSENT), null, "  ", false).consentId()).isNull();
    }

    @Test
    void refusesAMalformedConsentId() {
        assertThatThrownBy(() -> policy.decide(tenant(CrossBorder.WITH_CONSENT), null, "bad id with spaces", false))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().code()).isEqualTo("invalid_consent");
                });
        assertThatThrownBy(() -> policy.decide(tenant(CrossBorder.WITH_CONSENT), null, "x".repeat(129), false))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void namesPolicyAndHomeZoneWhenAZoneWouldWidenTheSet() {
        assertThatThrownBy(() -> policy.decide(tenant(CrossBorder.NEVER), "us", null, false))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("residency_not_permitted");
                    assertThat(e.error().message()).contains("acme-eu", "policy never", "home zone eu");
                });
    }

    @Test
    void carriesTheForwardedFlagAndNarrowingToEveryHop() {
        ResidencyDecision decision = policy.decide(tenant(CrossBorder.ALLOWED), "eu", null, true);
        assertThat(decision.forwarded()).isTrue();
        assertThat(decision.narrowedTo()).isEqualTo("eu");
        assertThat(decision.reason()).contains("narrowed to zone eu");
    }

    @Test
    void aTenantWhoseHomeZoneIsMissingMayGoNowhereUnlessAllowed() {
        TenantConfig lost = new TenantConfig("lost", "0".repeat(64), "atlantis", CrossBorder.NEVER, null, null, null);
        assertThat(policy.decide(lost, null, null, false).allowedRegions()).isEmpty();
    }

    private static TenantConfig tenant(CrossBorder crossBorder) {
        return new TenantConfig("acme-eu", "0".repeat(64), "eu", crossBorder, null, null, null);
    }
}
