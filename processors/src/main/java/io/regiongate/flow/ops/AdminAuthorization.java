package io.regiongate.flow.ops;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.tenant.ApiKeyHash;
import io.regiongate.tenant.BearerToken;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The admin credential: a bearer token, of which only the SHA-256 is held, compared in constant
 * time. No credential configured: the admin endpoints do not exist (404). No token sent: 401; a
 * wrong one: 403.
 */
public final class AdminAuthorization {

    private final byte[] tokenSha256;

    private AdminAuthorization(byte[] tokenSha256) {
        this.tokenSha256 = tokenSha256;
    }

    /** From the raw token (e.g. an environment variable); only its hash is kept. Null or blank: no admin endpoints. */
    public static AdminAuthorization ofToken(String rawToken) {
        return new AdminAuthorization(rawToken == null || rawToken.isBlank() ? null : ApiKeyHash.sha256(rawToken.trim()));
    }

    /** From {@code admin.token-sha256} (64 hex digits): the token itself is never configured. */
    public static AdminAuthorization ofSha256Hex(String tokenSha256Hex) {
        return new AdminAuthorization(HexFormat.of().parseHex(tokenSha256Hex));
    }

    /** @throws GatewayException 404 when no credential is configured, 401 without a token, 403 for a wrong one */
    public void check(String authorizationHeader, String path) {
        if (tokenSha256 == null) {
            throw new GatewayException(OpenAiError.notFound(path));
        }
        String presented = BearerToken.of(authorizationHeader)
                .orElseThrow(() -> new GatewayException(OpenAiError.adminCredentialMissing()));
        if (!MessageDigest.isEqual(ApiKeyHash.sha256(presented), tokenSha256)) {
            throw new GatewayException(OpenAiError.adminCredentialWrong());
        }
    }
}
