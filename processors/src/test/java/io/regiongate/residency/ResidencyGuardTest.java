package io.regiongate.residency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A runtime serves a tenant only when its region is in the tenant's home zone, or the tenant's
 * cross-border policy is {@code allowed}; otherwise 503 before any prompt leaves the process.
 */
class ResidencyGuardTest {

    private static final GatewayConfig EU_WEST_1 = new GatewayConfig("eu-west-1", null,
            Map.of("eu", List.of("eu-west-1", "eu-central-1"), "us", List.of("us-east-1")),
            null, null, null, null, null, null, "test");

    private final ResidencyGuard guard = new ResidencyGuard(EU_WEST_1);

    private static TenantConfig tenant(String homeZone, CrossBorder crossBorder) {
        return new TenantConfig("tenant-" + homeZone, "0".repeat(64), homeZone, crossBorder, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(CrossBorder.class)
    void servesTenantWhoseHomeZoneContainsThisRegionWhateverItsPolicy(CrossBorder policy) {
        assertThatNoException().isThrownBy(() -> guard.requireServableHere(tenant("eu", policy)));
    }

    @ParameterizedTest
    @EnumSource(value = CrossBorder.class, names = {"NEVER", "WITH_CONSENT"})
    void refusesTenantFromAnotherZoneUnlessCrossBorderIsAllowed(CrossBorder policy) {
        GatewayException refusal = catchThrowableOfType(GatewayException.class,
                () -> guard.requireServableHere(tenant("us", policy)));

        OpenAiError error = refusal.error();
        assertThat(error.status()).isEqualTo(503);
        assertThat(error.code()).isEqualTo("region_unavailable");
        assertThat(error.message()).contains("eu-west-1", "zone us", "tenant-us",
                policy == CrossBorder.NEVER ? "policy never" : "policy with-consent");
    }

    @Test
    void servesTenantFromAnotherZoneWhenCrossBorderIsAllowed() {
        assertThatNoException().isThrownBy(() -> guard.requireServableHere(tenant("us", CrossBorder.ALLOWED)));
        assertThatNoException().isThrownBy(() -> guard.requireServableHere(tenant("apac", CrossBorder.ALLOWED)));
    }

    @ParameterizedTest
    @EnumSource(value = CrossBorder.class, names = {"NEVER", "WITH_CONSENT"})
    void failsClosedForHomeZoneThisRuntimeDoesNotKnow(CrossBorder policy) {
        GatewayException refusal = catchThrowableOfType(GatewayException.class,
                () -> guard.requireServableHere(tenant("apac", policy)));

        assertThat(refusal.error().code()).isEqualTo("region_unavailable");
    }
}
