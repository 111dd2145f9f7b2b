package io.regiongate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.audit.AuditChain;
import io.regiongate.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AuditVerifyCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<String> trail(int count) {
        AuditChain chain = new AuditChain("eu-west-1/test");
        return IntStream.rangeClosed(1, count).mapToObj(i -> chain.link(new AuditRecord(AuditRecord.SCHEMA_VERSION,
                "req_" + i, "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z", 1000L, "eu-west-1", "eu-west-1", "acme-eu",
                null, null, "gpt-4o", null, false, "eu-sim", List.of(), null, null, 200, null, "complete", null, null, null, null, null, null)).json())
                .toList();
    }

    @Test
    void anIntactJournalDirectoryVerifiesWithExitCodeZero() throws Exception {
        Files.write(directory.resolve(AuditWiring.JOURNAL_FILE), trail(4));

        assertThat(run("verify", "--journal", directory.toString())).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: 4 records from 1 writer(s)");
    }

    @Test
    void aJournalWithADeletedAnAlteredAndAReorderedRecordFailsNamingEach() throws Exception {
        List<String> lines = new ArrayList<>(trail(8));
        lines.remove(1);                                                   // seq 2 deleted
        lines.set(2, lines.get(2).replace("\"status\":200", "\"status\":204")); // seq 4 altered
        String six = lines.get(4);                                         // seq 6 and 7 swapped
        lines.set(4, lines.get(5));
        lines.set(5, six);
        Path file = Files.write(directory.resolve("copy.jsonl"), lines);

        int exit = run("verify", "--journal", file.toString());

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(report).startsWith("FAILED: 7 records")
                .contains("gap: writer eu-west-1/test: seq 2 missing")
                .contains("altered: copy.jsonl:3 (writer eu-west-1/test seq 4")
                .contains("reordered: copy.jsonl:6 (writer eu-west-1/test seq 6");
    }

    @Test
    void aKeyedSignedJournalVerifiesWithTheChainKeyFromTheEnvironmentAndWithThePrintedPublicKey() throws Exception {
        Path keyFile = Files.writeString(directory.resolve("signing.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(java.security.KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        String secret = "the-region-audit-chain-secret-0123456789";
        io.regiongate.audit.AuditSigningKey signing = io.regiongate.audit.AuditSigningKey.load(keyFile);
        AuditChain chain = new AuditChain("eu-west-1/test", null, io.regiongate.audit.AuditChainKey.of(secret),
                new io.regiongate.audit.AuditCheckpoints(signing, 2, java.time.Duration.ofSeconds(60),
                        java.time.Clock.systemUTC()));
        List<String> lines = new ArrayList<>();
        lines.add(chain.link(trailRecord(1)).json());
        lines.add(chain.link(trailRecord(2)).json());
        lines.add(chain.link(io.regiongate.audit.AuditEvent.checkpointRequest("eu-west-1", java.time.Instant.now(), true))
                .json());
        Files.write(directory.resolve(AuditWiring.JOURNAL_FILE), lines);

        assertThat(run("public-key", "--signing-key-file", keyFile.toString())).isEqualTo(0);
        Path publicKey = Files.writeString(directory.resolve("public.pem"), out.toString(StandardCharsets.UTF_8));
        assertThat(publicKey).content().startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(signing.publicKeyPem());
        out.reset();

        int keyed = AuditVerifyCommand.run(List.of("verify", "--journal", directory.toString(), "--chain-key-env",
                "AUDIT_CHAIN_KEY", "--public-key", publicKey.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("AUDIT_CHAIN_KEY", secret)::get);
        assertThat(keyed).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        out.reset();
        assertThat(run("verify", "--journal", directory.toString())).as("without a key it cannot tell").isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unkeyed: writer eu-west-1/test: 3 record(s) keyed");
        assertThat(run("verify", "--journal", directory.toString(), "--chain-key-env", "UNSET_AUDIT_KEY")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("environment variable UNSET_AUDIT_KEY is not set");
    }

    private static AuditRecord trailRecord(int i) {
        return new AuditRecord(AuditRecord.SCHEMA_VERSION, "req_" + i, "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z",
                1000L, "eu-west-1", "eu-west-1", "acme-eu", null, null, "gpt-4o", null, false, "eu-sim", List.of(), null, null, 200, null,
                "complete", null, null, null, null, null, null);
    }

    @Test
    void aMissingJournalIsUnreadable() {
        assertThat(run("verify", "--journal", directory.resolve("nothing").toString())).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the audit trail");
    }

    @Test
    void withoutASourceItPrintsItsUsage() {
        assertThat(run("verify")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar regiongate.jar audit verify");
    }

    @Test
    void anAuditDirectoryWithASpoolIsReadSegmentBySegmentWithItsDeadLetterFile() throws Exception {
        AuditChain chain = new AuditChain("eu-west-1/test");
        List<String> first = List.of(chain.link(record("req_1")).json());
        AuditChain.Linked refused = chain.link(record("req_2"));
        List<String> second = List.of(chain.link(record("req_3")).json(), chain.link(io.regiongate.audit.AuditEvent.deadLetter(
                "eu-west-1", java.time.Instant.EPOCH, new io.regiongate.audit.AuditEvent.DeadLetter("eu-west-1/test", 2,
                        refused.link().hash(), "req_2", "RecordTooLargeException: big", "dead-letter.jsonl"))).json());
        Files.write(directory.resolve(io.regiongate.audit.AuditSpool.segmentName(1)), first);
        Files.write(directory.resolve(io.regiongate.audit.AuditSpool.segmentName(2)), second);
        Files.writeString(directory.resolve(io.regiongate.audit.AuditDeadLetters.FILE),
                "{\"reason\":\"RecordTooLargeException: big\",\"record\":" + refused.json() + "}\n");

        int exit = run("verify", "--journal", directory.toString());

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isEqualTo(0);
        assertThat(report).startsWith("OK: 3 records from 1 writer(s)")
                .contains("dead-lettered: writer eu-west-1/test seq 2 (request req_2)", "kept in dead-letter.jsonl:1");
    }

    private static AuditRecord record(String requestId) {
        return new AuditRecord(AuditRecord.SCHEMA_VERSION, requestId, "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z",
                1000L, "eu-west-1", "eu-west-1", "acme-eu", null, null, "gpt-4o", null, false, "eu-sim", List.of(), null, null, 200, null,
                "complete", null, null, null, null, null, null);
    }
}

