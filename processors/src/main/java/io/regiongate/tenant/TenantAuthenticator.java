package io.regiongate.tenant;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.TenantKey;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Finds the tenant and the key an {@code Authorization: Bearer <key>} header belongs to. The key is
 * hashed and compared with every key hash of every tenant in constant time, without stopping at the
 * first match, so the answer's timing says nothing about which hashes exist.
 */
public final class TenantAuthenticator {

    private final List<KnownKey> keys;
    private final Clock clock;

    public TenantAuthenticator(List<TenantConfig> tenants) {
        this(tenants, Clock.systemUTC());
    }

    public TenantAuthenticator(List<TenantConfig> tenants, Clock clock) {
        List<KnownKey> known = new ArrayList<>();
        for (TenantConfig tenant : tenants) {
            for (TenantKey key : tenant.keys()) {
                known.add(new KnownKey(tenant, key, HexFormat.of().parseHex(key.sha256())));
            }
        }
        this.keys = List.copyOf(known);
        this.clock = clock;
    }

    /**
     * @throws GatewayException 401 {@code missing_api_key} when the header is missing or malformed,
     *                          {@code invalid_api_key} when it names no key, {@code key_expired} when
     *                          the key is past its {@code not-after}
     */
    public Authenticated authenticate(String authorizationHeader) {
        String presentedKey = BearerToken.of(authorizationHeader)
                .orElseThrow(() -> new GatewayException(OpenAiError.missingApiKey()));
        byte[] presented = ApiKeyHash.sha256(presentedKey);
        KnownKey found = null;
        for (KnownKey known : keys) {
            if (MessageDigest.isEqual(presented, known.hash()) && found == null) {
                found = known;
            }
        }
        if (found == null) {
            throw new GatewayException(OpenAiError.invalidApiKey());
        }
        if (found.key().expiredAt(clock.instant())) {
            throw new GatewayException(OpenAiError.keyExpired(found.key().notAfter()));
        }
        return new Authenticated(found.tenant(), found.key().id());
    }

    /** The tenant a request belongs to, and the id of the key it came with. */
    public record Authenticated(TenantConfig tenant, String keyId) {
    }

    private record KnownKey(TenantConfig tenant, TenantKey key, byte[] hash) {
    }
}
