package io.regiongate.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.config.AuditConfig.KafkaEndpoint;
import io.regiongate.config.AuditConfig.KafkaSasl;
import io.regiongate.config.AuditConfig.KafkaSaslMechanism;
import io.regiongate.config.AuditConfig.KafkaSecurityProtocol;
import io.regiongate.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit cluster's client settings: what Kafka's clients are given for each security protocol,
 * with secrets from the environment only, and the settings refused at start, each under its key.
 */
class KafkaClientSecurityTest {

    private static final String KEY = "audit.endpoints[0].kafka";

    @TempDir
    Path dir;

    @Test
    void plaintextSetsOnlyTheProtocol() {
        assertThat(KafkaClientSecurity.clientProperties(new KafkaEndpoint("k:9092", "t"), Map.<String, String>of()::get))
                .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslSslWithScramLogsInWithTheEnvironmentsCredentialsAndTrustsThePemCa() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        KafkaEndpoint endpoint = new KafkaEndpoint("k:9093", "t", KafkaSecurityProtocol.SASL_SSL,
                new KafkaSasl(KafkaSaslMechanism.SCRAM_SHA_512, "USER", "PASS"), ca.toString(), null, null, null);

        Map<String, Object> properties = KafkaClientSecurity.clientProperties(endpoint,
                Map.of("USER", "audit", "PASS", "p\"w")::get);

        assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"audit\" password=\"p\\\"w\";")
                .containsEntry("ssl.truststore.location", ca.toString())
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .doesNotContainKey("ssl.truststore.password");
        assertThat(KafkaClientSecurity.problems(endpoint, KEY, Map.of("USER", "audit", "PASS", "pw")::get)).isEmpty();
    }

    @Test
    void refusesStoresWithPlaintextSaslWithoutCredentialsAndUnreadableOrUnopenedStores() throws Exception {
        Path p12 = Files.writeString(dir.resolve("trust.p12"), "not a key store");

        assertThat(KafkaClientSecurity.problems(new KafkaEndpoint("k:9092", "t", null, null, p12.toString(), null, null,
                null), KEY, Map.<String, String>of()::get)).extracting(ConfigProblem::key).containsExactly(KEY
                + ".security-protocol");
        assertThat(KafkaClientSecurity.problems(new KafkaEndpoint("k:9093", "t", KafkaSecurityProtocol.SASL_SSL,
                new KafkaSasl(KafkaSaslMechanism.PLAIN, "USER", "PASS"), null, null, null, null), KEY,
                Map.of("USER", "audit")::get)).extracting(ConfigProblem::toString)
                .containsExactly(KEY + ".sasl.password-env: environment variable PASS is not set");
        assertThat(KafkaClientSecurity.problems(new KafkaEndpoint("k:9093", "t", KafkaSecurityProtocol.SSL, null,
                p12.toString(), "TRUST_PASSWORD", dir.resolve("none.p12").toString(), "KEY_PASSWORD"), KEY,
                Map.of("TRUST_PASSWORD", "x", "KEY_PASSWORD", "y")::get)).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(KEY + ".trust-store-password-env", KEY + ".key-store");
        assertThat(KafkaClientSecurity.problems(new KafkaEndpoint("k:9093", "t", KafkaSecurityProtocol.SASL_SSL, null,
                null, null, null, null), KEY, Map.<String, String>of()::get)).extracting(ConfigProblem::key)
                .containsExactly(KEY + ".sasl");
    }
}
