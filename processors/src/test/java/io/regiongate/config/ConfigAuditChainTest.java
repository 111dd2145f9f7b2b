package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit.chain-key-env}, {@code audit.signing-key-file} and the checkpoint settings: read, defaulted, checked. */
class ConfigAuditChainTest {

    private static final String BASE = """
            region: eu-west-1
            zones:
              eu: [eu-west-1]
            upstreams:
              - {id: eu-sim, region: eu-west-1, type: simulated, models: [gpt-4o]}
            """;
    private static final String SECRET = "an-audit-chain-secret-of-32-chars!";

    @TempDir
    Path dir;

    @Test
    void withoutChainSettingsTheDefaultsApply() throws ConfigException {
        AuditConfig audit = ConfigFixtures.load(ConfigFixtures.write(dir, "regiongate.yaml", BASE), Map.of()).audit();

        assertThat(audit.chainKeyEnv()).isNull();
        assertThat(audit.signingKeyFile()).isNull();
        assertThat(audit.checkpointEvery()).isEqualTo(1000);
        assertThat(audit.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readsTheChainKeyVariableTheSigningKeyAndTheCheckpointSettings() throws Exception {
        Path key = ed25519Key(dir.resolve("audit-signing.pem"));
        AuditConfig audit = ConfigFixtures.load(ConfigFixtures.write(dir, "regiongate.yaml", BASE + """
                audit:
                  chain-key-env: AUDIT_CHAIN_KEY
                  signing-key-file: "%s"
                  checkpoint-every: 50
                  checkpoint-interval: 5s
                """.formatted(key)), Map.of("AUDIT_CHAIN_KEY", SECRET)).audit();

        assertThat(audit.chainKeyEnv()).isEqualTo("AUDIT_CHAIN_KEY");
        assertThat(audit.signingKeyFile()).isEqualTo(key.toString());
        assertThat(audit.checkpointEvery()).isEqualTo(50);
        assertThat(audit.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesAMissingOrShortChainKeyAndAnUnusableSigningKeyNamingTheKeys() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");
        ConfigException missing = ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", BASE + """
                audit:
                  chain-key-env: AUDIT_CHAIN_KEY
                  signing-key-file: "%s"
                  checkpoint-every: 0
                """.formatted(notAKey)), Map.of());
        ConfigException tooShort = ConfigFixtures.refusal(ConfigFixtures.write(dir, "short.yaml", BASE + """
                audit:
                  chain-key-env: AUDIT_CHAIN_KEY
                  signing-key-file: "%s"
                """.formatted(dir.resolve("absent.pem"))), Map.of("AUDIT_CHAIN_KEY", "short"));

        assertThat(missing).hasMessageStartingWith("invalid configuration in " + dir.resolve("regiongate.yaml"));
        assertThat(missing.problems()).extracting(ConfigProblem::key, ConfigProblem::message).contains(
                tuple("audit.chain-key-env", "environment variable AUDIT_CHAIN_KEY is not set; it holds the region's "
                        + "audit chain secret"),
                tuple("audit.signing-key-file", notAKey + " holds no PEM 'PRIVATE KEY' block"),
                tuple("audit.checkpoint-every", "must be at least 1"));
        assertThat(tooShort.problems()).extracting(ConfigProblem::key).containsExactly("audit.chain-key-env",
                "audit.signing-key-file");
        assertThat(tooShort.problems().get(0).message()).contains("at least 32 characters");
        assertThat(tooShort.problems().get(1).message()).startsWith("cannot read " + dir.resolve("absent.pem"));
    }

    /** An Ed25519 private key in PEM (PKCS#8), as {@code openssl genpkey -algorithm ed25519} writes one. */
    static Path ed25519Key(Path file) throws Exception {
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
    }
}
