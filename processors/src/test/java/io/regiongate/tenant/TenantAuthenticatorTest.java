package io.regiongate.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.TenantKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Authorization: Bearer <key>} names exactly one tenant; anything else is 401. */
class TenantAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TenantConfig ACME = tenant("acme-eu", "sk-acme-1");
    private static final TenantConfig GLOBEX = tenant("globex-us", "sk-globex-2");

    private final TenantAuthenticator authenticator = new TenantAuthenticator(List.of(ACME, GLOBEX));

    private static TenantConfig tenant(String id, String key) {
        return new TenantConfig(id, ApiKeyHash.sha256Hex(key), "eu", CrossBorder.NEVER, null, null, null);
    }

    private OpenAiError refusalOf(String header) {
        GatewayException refusal = catchThrowableOfType(GatewayException.class, () -> authenticator.authenticate(header));
        assertThat(refusal).as("header %s must be refused", header).isNotNull();
        return refusal.error();
    }

    @Test
    void findsTheTenantWhoseKeyHashMatches() {
        assertThat(authenticator.authenticate("Bearer sk-acme-1").tenant()).isSameAs(ACME);
        assertThat(authenticator.authenticate("Bearer sk-globex-2").tenant()).isSameAs(GLOBEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer sk-acme-1", "BEARER sk-acme-1", "  Bearer   sk-acme-1  "})
    void acceptsBearerSchemeInAnyCaseAndSurroundingSpace(String header) {
        assertThat(authenticator.authenticate(header).tenant()).isSameAs(ACME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer sk-acme-2", "Bearer SK-ACME-1", "Bearer sk-acme-1x"})
    void refusesKeyOfNoTenantAsInvalid(String header) {
        OpenAiError error = refusalOf(header);

        assertThat(error.status()).isEqualTo(401);
        assertThat(error.code()).isEqualTo("invalid_api_key");
        assertThat(error.type()).isEqualTo(OpenAiError.INVALID_REQUEST);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "Bearer", "Bearer ", "Bearer    ", "Basic c2stYWNtZS0xOg==", "sk-acme-1",
            "Token sk-acme-1"})
    void refusesMissingEmptyOrNonBearerCredentialsAsMissingKey(String header) {
        OpenAiError error = refusalOf(header);

        assertThat(error.status()).isEqualTo(401);
        assertThat(error.code()).isEqualTo("missing_api_key");
        assertThat(error.message()).contains("Authorization: Bearer");
    }

    @Test
    void namesTheSingleKeyDefault() {
        assertThat(authenticator.authenticate("Bearer sk-acme-1").keyId()).isEqualTo(TenantKey.SINGLE_KEY_ID);
    }

    @Test
    void acceptsEveryCurrentKeyOfATenantAndNamesIt() {
        TenantConfig rotating = rotatingTenant();
        TenantAuthenticator withKeys = new TenantAuthenticator(List.of(ACME, rotating), CLOCK);

        TenantAuthenticator.Authenticated old = withKeys.authenticate("Bearer sk-old");
        TenantAuthenticator.Authenticated fresh = withKeys.authenticate("Bearer sk-new");

        assertThat(old.tenant()).isSameAs(rotating);
        assertThat(old.keyId()).isEqualTo("2026-q4");
        assertThat(fresh.tenant()).isSameAs(rotating);
        assertThat(fresh.keyId()).isEqualTo("2027-q1");
    }

    @Test
    void refusesAKeyPastItsNotAfterAsExpired() {
        TenantAuthenticator later = new TenantAuthenticator(List.of(rotatingTenant()),
                Clock.fixed(NOW.plusSeconds(3601), ZoneOffset.UTC));

        GatewayException refusal = catchThrowableOfType(GatewayException.class, () -> later.authenticate("Bearer sk-old"));

        assertThat(refusal.error().status()).isEqualTo(401);
        assertThat(refusal.error().code()).isEqualTo("key_expired");
        assertThat(refusal.error().message()).contains(NOW.plusSeconds(3600).toString()).doesNotContain("sk-old");
        assertThat(later.authenticate("Bearer sk-new").keyId()).isEqualTo("2027-q1");
    }

    @Test
    void acceptsAKeyAtTheInstantOfItsNotAfter() {
        TenantAuthenticator atTheEdge = new TenantAuthenticator(List.of(rotatingTenant()),
                Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));

        assertThat(atTheEdge.authenticate("Bearer sk-old").keyId()).isEqualTo("2026-q4");
    }

    private static TenantConfig rotatingTenant() {
        return new TenantConfig("initech", null, "eu", CrossBorder.NEVER, null, null, null, null, List.of(
                new TenantKey("2026-q4", ApiKeyHash.sha256Hex("sk-old"), NOW.plusSeconds(3600)),
                new TenantKey("2027-q1", ApiKeyHash.sha256Hex("sk-new"), null)));
    }

    @Test
    void refusesEveryKeyWhenNoTenantIsConfigured() {
        TenantAuthenticator nobody = new TenantAuthenticator(List.of());

        GatewayException refusal = catchThrowableOfType(GatewayException.class, () -> nobody.authenticate("Bearer sk-acme-1"));

        assertThat(refusal.error().code()).isEqualTo("invalid_api_key");
    }
}
