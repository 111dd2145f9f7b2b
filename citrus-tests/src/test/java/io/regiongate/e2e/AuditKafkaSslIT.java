package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.GatewayProcess.CommandResult;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.SelfSignedCertificate;
import io.regiongate.e2e.support.TestTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit trail to a real KRaft broker whose clients must speak TLS (an {@code SSL} and a
 * {@code SASL_SSL} listener, certificates made by the test): the runtime, configured with
 * {@code security-protocol: SSL} and the broker's CA as {@code trust-store}, delivers its records, and
 * {@code audit verify --kafka} with the same settings (and over SASL_SSL with a PLAIN login) reads and
 * verifies them. A runtime left on PLAINTEXT against the TLS listener does not start: exit 2, naming
 * {@code audit.endpoints[0].kafka.security-protocol}.
 */
class AuditKafkaSslIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final int REQUESTS = 4;
    private static final String PASSWORD = "changeit-" + Long.toHexString(System.nanoTime());
    private static final String SASL_USER = "regiongate-audit";
    private static final String SASL_PASSWORD = "sasl-" + Long.toHexString(System.nanoTime());
    private static final Path CERTIFICATES = Path.of("target", "e2e", "audit-kafka-ssl-certificates").toAbsolutePath();
    private static final Path AUTHORITY = SelfSignedCertificate.createAuthority(CERTIFICATES, "kafka-ca", PASSWORD);
    private static final Path AUTHORITY_PEM = SelfSignedCertificate.authorityPem(AUTHORITY, PASSWORD);
    private static final Path BROKER_KEYS = SelfSignedCertificate.createSignedBy(AUTHORITY, CERTIFICATES, "kafka-broker",
            PASSWORD, false, SelfSignedCertificate.LOOPBACK_NAMES);
    private static final String TOPIC = Deployment.auditTopicName(Deployment.EU);
    private static final KraftBroker BROKER = KraftBroker.at(GatewayProcess.directory("audit-kafka-ssl-broker"))
            .withTlsListeners(BROKER_KEYS, PASSWORD, SASL_USER, SASL_PASSWORD);

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-kafka-ssl")
            .tenant(TENANT, "sync", "hash")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "audited over TLS")
            .dependency(BROKER::start)
            .configure(config -> config.auditKafka(Deployment.EU, BROKER.sslBootstrapServers(), TOPIC,
                    "security-protocol: SSL, trust-store: \"" + AUTHORITY_PEM + "\""));

    @Test
    void theTrailReachesTheBrokerOverTlsAndVerifiesWithTheSameSettings() {
        // sync delivery: each answer waits until the broker acknowledged its record over TLS
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(ChatCalls.complete(deployment.uri("/"), TENANT, "gpt-4o").status()).isEqualTo(200);
        }

        CommandResult overSsl = GatewayProcess.runCommand(Duration.ofSeconds(90), "audit", "verify",
                "--kafka", BROKER.sslBootstrapServers(), "--topic", TOPIC,
                "--security-protocol", "SSL", "--trust-store", AUTHORITY_PEM.toString());
        CommandResult overSasl = GatewayProcess.runCommand(Duration.ofSeconds(90),
                Map.of("AUDIT_KAFKA_USER", SASL_USER, "AUDIT_KAFKA_PASSWORD", SASL_PASSWORD), "audit", "verify",
                "--kafka", BROKER.saslSslBootstrapServers(), "--topic", TOPIC,
                "--security-protocol", "SASL_SSL", "--trust-store", AUTHORITY_PEM.toString(), "--sasl-mechanism", "PLAIN",
                "--sasl-username-env", "AUDIT_KAFKA_USER", "--sasl-password-env", "AUDIT_KAFKA_PASSWORD");
        CommandResult inPlaintext = GatewayProcess.runCommand(Duration.ofSeconds(90), "audit", "verify",
                "--kafka", BROKER.sslBootstrapServers(), "--topic", TOPIC, "--timeout", "5");

        assertThat(overSsl.exitCode()).as(overSsl.output()).isZero();
        assertThat(overSsl.output()).contains("OK").contains(REQUESTS + " records");
        assertThat(overSasl.exitCode()).as(overSasl.output()).isZero();
        assertThat(overSasl.output()).contains(REQUESTS + " records");
        assertThat(inPlaintext.exitCode()).as("audit verify in plaintext against the TLS listener: "
                + inPlaintext.output()).isNotZero();
    }

    @Test
    void aRuntimeLeftOnPlaintextAgainstTheTlsListenerDoesNotStartAndNamesTheKey() {
        Deployment plaintext = Deployment.oneRegion("audit-kafka-plaintext")
                .tenant(TENANT)
                .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "never served")
                .configure(config -> config.auditKafka(Deployment.EU, BROKER.sslBootstrapServers(), TOPIC));

        assertThatThrownBy(plaintext::start)
                .hasMessageContaining("exited with code 2")
                .hasMessageContaining("audit.endpoints[0].kafka.security-protocol: PLAINTEXT, but the broker at "
                        + BROKER.sslBootstrapServers() + " speaks TLS");
    }
}
