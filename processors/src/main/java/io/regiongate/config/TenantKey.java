package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One of a tenant's API keys, held only as its SHA-256.
 *
 * @param id       what records and logs name the key by (never the key itself)
 * @param sha256   the SHA-256 of the key, 64 lower-case hex digits
 * @param notAfter the last instant the key is accepted; null for a key that does not expire
 */
public record TenantKey(String id, String sha256, @JsonProperty("not-after") Instant notAfter) {

    /** The id of the key written as a tenant's single {@code api-key-sha256}. */
    public static final String SINGLE_KEY_ID = "default";

    public boolean expiredAt(Instant now) {
        return notAfter != null && now.isAfter(notAfter);
    }
}
