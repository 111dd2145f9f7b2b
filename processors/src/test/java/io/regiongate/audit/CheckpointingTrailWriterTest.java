package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.quota.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer hands on a signed checkpoint every N records, after the interval on the flush timer, and a last one at a clean stop. */
class CheckpointingTrailWriterTest {

    @TempDir
    Path directory;

    @Test
    void checkpointsEveryNRecordsAfterTheIntervalAndOnceMoreAtTheEnd() throws Exception {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        AuditSigningKey key = AuditSigningKey.fromPem("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder()
                .encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", "test");
        AuditCheckpoints checkpoints = new AuditCheckpoints(key, 4, Duration.ofSeconds(10), clock);
        try (AuditWriterState state = AuditWriterState.open(directory)) {
            CheckpointingTrailWriter writer = new CheckpointingTrailWriter(new JournalTrailWriter(
                    new AuditChain("eu-west-1/w", null, AuditChainKey.of("the-region-audit-chain-secret-0123456789"),
                            checkpoints), new AuditJournal(directory.resolve("journal.jsonl")), state),
                    checkpoints, "eu-west-1", clock);
            writer.checkpoint().get();
            for (int i = 1; i <= 5; i++) {
                writer.submit(AuditFixtures.record("req_" + i), 1, false).get();
            }
            writer.flush();
            clock.advance(Duration.ofSeconds(11));
            writer.flush();
            writer.finish().get();
            writer.flush();
            clock.advance(Duration.ofSeconds(60));
            writer.flush();
            writer.close();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(directory.resolve("journal.jsonl"))) {
            lines.add(AuditJson.parseStrict(line));
        }
        List<String> kinds = lines.stream().map(line -> line.path("kind").asText("record")).toList();
        assertThat(kinds).containsExactly("checkpoint", "record", "record", "record", "checkpoint", "record", "record",
                "checkpoint", "checkpoint");
        assertThat(lines.get(4).path("checkpoint").path("first_seq").asLong()).isEqualTo(1);
        assertThat(lines.get(4).path("checkpoint").path("last_seq").asLong()).isEqualTo(4);
        assertThat(lines.get(7).path("checkpoint").path("last").asBoolean()).as("the timer's checkpoint").isFalse();
        assertThat(lines.get(8).path("checkpoint").path("last").asBoolean()).as("the clean stop's").isTrue();

        AuditTrailVerifier verifier = new AuditTrailVerifier(List.of(), AuditPublicKeys.of(List.of(key.publicKey())),
                Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
        List<String> raw = Files.readAllLines(directory.resolve("journal.jsonl"));
        for (int i = 0; i < raw.size(); i++) {
            verifier.accept("journal.jsonl:" + (i + 1), raw.get(i));
        }
        assertThat(verifier.report().ok()).as(verifier.report().render()).isTrue();
    }
}
