package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.e2e.support.AuditSigningKeys;
import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 7 of issue 12: the evidence-grade chain against an insider who can write the audit
 * journal but holds neither the region's chain secret nor the signing key. A real runtime writes
 * the journal over three runs (a clean stop, a {@code kill -9}, a clean stop) with an HMAC chain
 * and signed checkpoints; then copies of it are tampered with four ways, and {@code audit verify}
 * names the record or range each time, with the chain key and with the public key alone. The
 * untouched journal verifies.
 */
class AuditTamperingIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String KEY_ENV = "REGIONGATE_AUDIT_CHAIN_KEY";
    private static final String SECRET = "scenario-audit-chain-secret-" + UUID.randomUUID();
    private static final Path KEYS = GatewayProcess.directory("audit-tampering-keys");
    private static final Path SIGNING_KEY = AuditSigningKeys.generate(KEYS.resolve("audit-signing.pem"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-tampering")
            .tenant(TENANT, "async", "hash")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "hello there")
            .environment(KEY_ENV, SECRET)
            .configure(config -> config.auditChainOption("chain-key-env", KEY_ENV)
                    .auditChainOption("signing-key-file", SIGNING_KEY.toString())
                    .auditChainOption("checkpoint-every", "3")
                    .auditChainOption("checkpoint-interval", "1s"));

    private static Path journal;
    private static Path publicKey;
    private static List<String> lines;
    private static String startLog;

    @BeforeAll
    static void threeRunsWriteTheJournal() throws IOException {
        GatewayProcess gateway = deployment.gateway();
        requests(gateway, 4);
        startLog = gateway.output();
        gateway = deployment.restart();          // a clean stop: the run ends with its last checkpoint
        requests(gateway, 4);
        // an async tenant's answer does not wait for its record: the kill comes once all 8 are written
        Poll.require(Duration.ofSeconds(20), () -> recordsInJournal() >= 8,
                () -> "8 request records in the journal before the kill; " + recordsInJournal() + " so far");
        gateway.kill();                           // kill -9: no last checkpoint; the next writer links to it
        gateway = deployment.restart();
        requests(gateway, 5);
        gateway.close();
        journal = deployment.journal();
        lines = Files.readAllLines(journal);
        publicKey = AuditSigningKeys.publicKey(SIGNING_KEY, KEYS.resolve("audit-public.pem"));
    }

    private static long recordsInJournal() {
        try {
            return Files.readAllLines(deployment.journal()).stream().filter(line -> line.contains("\"request_id\"")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void requests(GatewayProcess gateway, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(ChatCalls.complete(gateway.uri("/"), TENANT, "gpt-4o").status()).isEqualTo(200);
        }
    }

    @Test
    void theRuntimePrintsThePublicKeyAndKeepsOnlyKeyedContentDigests() throws IOException {
        String pem = Files.readString(publicKey).strip();

        assertThat(startLog).contains("audit chain of this region: HMAC-SHA256 under the secret in " + KEY_ENV)
                .contains(pem);
        assertThat(lines).filteredOn(line -> line.contains("\"request_id\""))
                .hasSize(13)
                .allSatisfy(line -> assertThat(line).contains("\"prompt_hmac\":").doesNotContain("prompt_sha256"));
    }

    @Test
    void theUntouchedJournalVerifiesWithTheChainKeyAndWithThePublicKeyAlone() {
        GatewayProcess.CommandResult keyed = verifyWithChainKey(journal.getParent());
        GatewayProcess.CommandResult signed = verifyWithPublicKey(journal.getParent());

        assertThat(keyed.exitCode()).as(keyed.output()).isZero();
        assertThat(keyed.output()).contains("from 3 writer(s)", "0 unlinked", "1 losses", "0 tail, 0 unkeyed");
        assertThat(signed.exitCode()).as(signed.output()).isZero();
        assertThat(signed.output()).contains("checkpoint(s) verified with the public key");
    }

    @Test
    void aRecordEditedWithEveryLaterLinkRecomputedIsNamed() throws IOException {
        List<String> tampered = new ArrayList<>(lines);
        int edited = indexOfRequest(tampered, 1);
        tampered.set(edited, tampered.get(edited).replace("\"status\":200", "\"status\":204"));
        relinkFrom(tampered, edited);
        Path file = write("edited.jsonl", tampered);

        GatewayProcess.CommandResult keyed = verifyWithChainKey(file);
        GatewayProcess.CommandResult signed = verifyWithPublicKey(file);

        assertThat(keyed.exitCode()).as(keyed.output()).isEqualTo(1);
        assertThat(keyed.output()).contains("altered: edited.jsonl:" + (edited + 1) + " (writer ", "does not match its HMAC");
        assertThat(signed.exitCode()).as(signed.output()).isEqualTo(1);
        assertThat(signed.output()).containsPattern("altered: writer \\S+ seq \\d+\\.\\.\\d+: not the records the checkpoint");
    }

    @Test
    void aWholeWritersRunDeletedIsNamed() throws IOException {
        String middle = writerOf(lines.get(lines.size() - 1), 1);
        List<String> tampered = lines.stream().filter(line -> !writerOfLine(line).equals(middle)).toList();
        Path file = write("run-deleted.jsonl", tampered);

        GatewayProcess.CommandResult keyed = verifyWithChainKey(file);
        GatewayProcess.CommandResult signed = verifyWithPublicKey(file);

        for (GatewayProcess.CommandResult result : List.of(keyed, signed)) {
            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).contains("unlinked: run-deleted.jsonl:", "seq 1): links to a record that is not "
                    + "in the trail", "the writers in between are missing");
        }
    }

    @Test
    void aTailCutAfterTheLastCheckpointIsNamedOnceTheIntervalHasPassed() throws IOException {
        List<String> tampered = new ArrayList<>(lines);
        int cutFrom = indexOfRequest(tampered, requestCount(tampered) - 1);   // the last two requests and all after
        tampered.subList(cutFrom, tampered.size()).clear();
        Path file = write("tail-cut.jsonl", tampered);

        GatewayProcess.CommandResult[] last = new GatewayProcess.CommandResult[1];
        Poll.require(Duration.ofSeconds(30), () -> (last[0] = verifyWithPublicKey(file)).output().contains("tail: "),
                () -> "a tail finding; last report: " + last[0].output());

        assertThat(last[0].exitCode()).isEqualTo(1);
        assertThat(last[0].output()).containsPattern("tail: writer \\S+: its records end at seq \\d+ \\(tail-cut.jsonl:"
                + tampered.size() + "\\) without its last checkpoint").contains("were cut");
    }

    @Test
    void aRecordWithAPrependedDuplicateKeyIsRefusedAndNamed() throws IOException {
        List<String> tampered = new ArrayList<>(lines);
        int index = indexOfRequest(tampered, 2);
        tampered.set(index, "{\"status\":500," + tampered.get(index).substring(1));
        Path file = write("duplicate-key.jsonl", tampered);

        GatewayProcess.CommandResult result = verifyWithChainKey(file);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("unreadable: duplicate-key.jsonl:" + (index + 1) + " (writer ",
                "duplicate key 'status' in one object");
    }

    private static GatewayProcess.CommandResult verifyWithChainKey(Path path) {
        return GatewayProcess.runCommand(Duration.ofSeconds(30), Map.of(KEY_ENV, SECRET), "audit", "verify",
                "--journal", path.toString(), "--chain-key-env", KEY_ENV);
    }

    private static GatewayProcess.CommandResult verifyWithPublicKey(Path path) {
        return GatewayProcess.runCommand(Duration.ofSeconds(30), "audit", "verify", "--journal", path.toString(),
                "--public-key", publicKey.toString());
    }

    private static Path write(String name, List<String> tampered) throws IOException {
        return Files.write(journal.resolveSibling(name), tampered);
    }

    /** The line index of the n-th (1-based) request's record. */
    private static int indexOfRequest(List<String> trail, int n) {
        int seen = 0;
        for (int i = 0; i < trail.size(); i++) {
            if (trail.get(i).contains("\"request_id\"") && ++seen == n) {
                return i;
            }
        }
        throw new AssertionError("no request record " + n);
    }

    private static int requestCount(List<String> trail) {
        return (int) trail.stream().filter(line -> line.contains("\"request_id\"")).count();
    }

    private static String writerOfLine(String line) {
        try {
            return JSON.readTree(line).path("chain").path("writer").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The writer {@code back} writers before the one of {@code line}, in the order writers appear. */
    private static String writerOf(String line, int back) {
        List<String> order = lines.stream().map(AuditTamperingIT::writerOfLine).distinct().toList();
        return order.get(order.indexOf(writerOfLine(line)) - back);
    }

    /**
     * What an insider without the secret does after an edit: recomputes the link of every record
     * from there on (here with a key of their own), so that each {@code prev} matches again.
     */
    private static void relinkFrom(List<String> trail, int from) throws IOException {
        SecretKeySpec guess = new SecretKeySpec("an insider's guess".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        Map<String, String> replaced = new HashMap<>();
        for (int i = from; i < trail.size(); i++) {
            ObjectNode record = (ObjectNode) JSON.readTree(trail.get(i));
            ObjectNode chain = (ObjectNode) record.get("chain");
            String prev = chain.path("prev").asText();
            chain.put("prev", replaced.getOrDefault(prev, prev));
            String old = chain.path("hash").asText();
            chain.remove("hash");
            String hash = hmac(guess, canonical(record));
            chain.put("hash", hash);
            replaced.put(old, hash);
            trail.set(i, canonical(record));
        }
    }

    private static String canonical(JsonNode record) throws IOException {
        return new JsonCanonicalizer(JSON.writeValueAsString(record)).getEncodedString();
    }

    private static String hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
