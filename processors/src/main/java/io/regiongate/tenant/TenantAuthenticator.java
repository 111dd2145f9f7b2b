package io.regiongate.tenant;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.TenantConfig;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Finds the tenant an {@code Authorization: Bearer <key>} header belongs to. The key is hashed and
 * compared with every tenant's hash in constant time, without stopping at the first match, so the
 * answer's timing says nothing about which hashes exist.
 */
public final class TenantAuthenticator {

    private final List<TenantConfig> tenants;
    private final List<byte[]> keyHashes;

    public TenantAuthenticator(List<TenantConfig> tenants) {
        this.tenants = List.copyOf(tenants);
        this.keyHashes = this.tenants.stream().map(tenant -> HexFormat.of().parseHex(tenant.apiKeySha256())).toList();
    }

    /** @throws GatewayException 401 when the header is missing, malformed or names no tenant */
    public TenantConfig authenticate(String authorizationHeader) {
        String key = BearerToken.of(authorizationHeader)
                .orElseThrow(() -> new GatewayException(OpenAiError.missingApiKey()));
        byte[] presented = ApiKeyHash.sha256(key);
        TenantConfig found = null;
        for (int i = 0; i < keyHashes.size(); i++) {
            if (MessageDigest.isEqual(presented, keyHashes.get(i)) && found == null) {
                found = tenants.get(i);
            }
        }
        if (found == null) {
            throw new GatewayException(OpenAiError.invalidApiKey());
        }
        return found;
    }
}
