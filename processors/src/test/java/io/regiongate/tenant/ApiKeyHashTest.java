package io.regiongate.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Configuration holds the SHA-256 of a key as lower-case hex, exactly as {@code sha256sum} prints it. */
class ApiKeyHashTest {

    @Test
    void hashesLikeSha256sum() {
        // printf rg-demo-acme-eu | sha256sum: the hash of the embedded default's demo tenant
        assertThat(ApiKeyHash.sha256Hex("rg-demo-acme-eu"))
                .isEqualTo("d334433211bee2a0bad38d8bb16c5b9ba6c0d369f2576048048d84c069fb3afd");
    }

    @Test
    void hashesTheUtf8BytesOfTheKey() {
        // printf 'clé' | sha256sum
        assertThat(ApiKeyHash.sha256Hex("clé"))
                .isEqualTo("51cbcf30514d0802eb5c60a018f384ea3fb9b69307c554ee63ecb43177594de4");
    }
}
