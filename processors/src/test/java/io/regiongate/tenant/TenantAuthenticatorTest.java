package io.regiongate.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.TenantConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Authorization: Bearer <key>} names exactly one tenant; anything else is 401. */
class TenantAuthenticatorTest {

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
        assertThat(authenticator.authenticate("Bearer sk-acme-1")).isSameAs(ACME);
        assertThat(authenticator.authenticate("Bearer sk-globex-2")).isSameAs(GLOBEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer sk-acme-1", "BEARER sk-acme-1", "  Bearer   sk-acme-1  "})
    void acceptsBearerSchemeInAnyCaseAndSurroundingSpace(String header) {
        assertThat(authenticator.authenticate(header)).isSameAs(ACME);
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
    void refusesEveryKeyWhenNoTenantIsConfigured() {
        TenantAuthenticator nobody = new TenantAuthenticator(List.of());

        GatewayException refusal = catchThrowableOfType(GatewayException.class, () -> nobody.authenticate("Bearer sk-acme-1"));

        assertThat(refusal.error().code()).isEqualTo("invalid_api_key");
    }
}
