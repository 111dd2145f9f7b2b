package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.AuditSigningKeys;
import io.regiongate.e2e.support.AuditTopicReader;
import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The evidence-grade chain on a real Kafka broker stays verifiable through everything the trail
 * survives: records sent directly and a record refused for good (dead-lettered), a broker outage
 * (spooled, then replayed), a {@code kill -9} and a restart, a clean stop (its last checkpoint
 * spooled and delivered after the next start). {@code audit verify} on the topic, with the
 * dead-letter file, passes with the chain key and with the public key alone; after a last clean
 * stop, the topic with the audit directory (whose spool holds the last checkpoint) passes too.
 */
class AuditChainOnKafkaIT {

    private static final String TOPIC = Deployment.auditTopicName(EU);
    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final TestTenant HUGE = new TestTenant("huge-" + "x".repeat(3000), "eu", "rg-test-huge-" + UUID.randomUUID());
    private static final String KEY_ENV = "REGIONGATE_AUDIT_CHAIN_KEY";
    private static final String SECRET = "scenario-audit-chain-secret-" + UUID.randomUUID();
    private static final Path KEYS = GatewayProcess.directory("audit-chain-kafka-keys");
    private static final Path SIGNING_KEY = AuditSigningKeys.generate(KEYS.resolve("audit-signing.pem"));

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-chain-kafka")
            .tenant(TENANT, "async", "hash")
            .tenant(HUGE, "async", "hash")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks")
            .auditToKafka()
            .jvmOptions("-Dregiongate.audit.kafka.max-request-size=2048")
            .environment(KEY_ENV, SECRET)
            .configure(config -> config.auditChainOption("chain-key-env", KEY_ENV)
                    .auditChainOption("signing-key-file", SIGNING_KEY.toString())
                    .auditChainOption("checkpoint-every", "4")
                    .auditChainOption("checkpoint-interval", "2s"));

    @Test
    void theKeyedSignedTrailVerifiesAcrossDeadLettersAnOutageAKillAndACleanStop() throws Exception {
        KraftBroker broker = deployment.broker();
        Path directory = deployment.journal().getParent();
        GatewayProcess gateway = deployment.gateway();
        // given records sent directly, one of them refused for good
        requests(gateway, TENANT, 3);
        requests(gateway, HUGE, 1);
        requests(gateway, TENANT, 3);
        // and records spooled while the broker is away, then replayed
        broker.stop();
        requests(gateway, TENANT, 4);
        requests(gateway, HUGE, 1);
        Poll.require(Duration.ofSeconds(30), () -> AuditFiles.spooledIds(directory).size() >= 5, () -> "records spooled");
        broker.restart();
        Poll.require(Duration.ofSeconds(60), () -> AuditFiles.spoolSegments(directory).isEmpty(), () -> "the spool delivered");
        // and a kill -9, a restart, a clean stop and one more start (which delivers the clean stop's spooled records)
        requests(gateway, TENANT, 3);
        gateway.kill();
        gateway = deployment.restart();
        requests(gateway, TENANT, 3);
        gateway = deployment.restart();
        requests(gateway, TENANT, 2);
        Poll.require(Duration.ofSeconds(60), () -> AuditFiles.spoolSegments(directory).isEmpty()
                        && lastCheckpointsOnTopic(broker) >= 1,
                () -> "the clean stop's last checkpoint delivered from the spool");
        assertThat(AuditFiles.deadLetters(directory)).hasSize(2);

        // when the topic is verified with the chain key, and with the public key alone
        Path publicKey = AuditSigningKeys.publicKey(SIGNING_KEY, KEYS.resolve("audit-public.pem"));
        String deadLetters = directory.resolve("dead-letter.jsonl").toString();
        GatewayProcess.CommandResult[] keyed = new GatewayProcess.CommandResult[1];
        Poll.require(Duration.ofSeconds(60), () -> (keyed[0] = GatewayProcess.runCommand(Duration.ofSeconds(60),
                        Map.of(KEY_ENV, SECRET), "audit", "verify", "--kafka", broker.bootstrapServers(), "--topic", TOPIC,
                        "--dead-letters", deadLetters, "--chain-key-env", KEY_ENV, "--public-key", publicKey.toString()))
                        .exitCode() == 0,
                () -> "the trail verified with both keys; last report: " + keyed[0].output());
        GatewayProcess.CommandResult signed = GatewayProcess.runCommand(Duration.ofSeconds(60), "audit", "verify",
                "--kafka", broker.bootstrapServers(), "--topic", TOPIC, "--dead-letters", deadLetters,
                "--public-key", publicKey.toString());

        // then both pass: three writers, each continuing the one before, the refused records accounted for
        assertThat(keyed[0].output()).contains("from 3 writer(s)", "0 gaps", "2 dead-lettered", "0 unlinked",
                "0 checkpoint, 0 tail, 0 unkeyed", "1 losses");
        assertThat(signed.exitCode()).as(signed.output()).isZero();
        assertThat(signed.output()).contains("checkpoint(s) verified with the public key");

        // and once the region is stopped for good, its last checkpoint is in the spool: the topic with the
        // audit directory verifies (the spool read after the topic)
        gateway.close();
        assertThat(AuditFiles.spoolSegments(directory)).as("the clean stop spooled its last checkpoint").isNotEmpty();
        GatewayProcess.CommandResult stopped = GatewayProcess.runCommand(Duration.ofSeconds(60), "audit", "verify",
                "--kafka", broker.bootstrapServers(), "--topic", TOPIC, "--journal", directory.toString(),
                "--public-key", publicKey.toString());
        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        assertThat(stopped.output()).contains("0 tail", "from 3 writer(s)");
    }

    private static long lastCheckpointsOnTopic(KraftBroker broker) {
        try (AuditTopicReader topic = AuditTopicReader.of(broker.bootstrapServers(), TOPIC)) {
            return topic.catchUp().events("checkpoint").stream()
                    .filter(event -> event.path("checkpoint").path("last").asBoolean()).count();
        }
    }

    private static void requests(GatewayProcess gateway, TestTenant tenant, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(ChatCalls.complete(gateway.uri("/"), tenant, "gpt-4o").status()).isEqualTo(200);
        }
    }
}
