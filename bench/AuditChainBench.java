import io.regiongate.audit.AuditChain;
import io.regiongate.audit.AuditChainKey;
import io.regiongate.audit.AuditCheckpoints;
import io.regiongate.audit.AuditEvent;
import io.regiongate.audit.AuditJson;
import io.regiongate.audit.AuditRecord;
import io.regiongate.audit.AuditSigningKey;
import io.regiongate.call.TokenUsage;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The keyed chain's cost per record against the plain one, in CPU time of the one thread that links
 * (wall time is reported beside it, but on a shared machine it also counts waiting for a core), (the writer links under one
 * lock): what AuditChain.link does for each record (RFC 8785 form, the link, the JSON delivered), plus,
 * keyed, the two content HMACs AuditRecordFactory adds, plus, signed, the checkpoint digest and an
 * Ed25519 checkpoint every EVERY records (amortised). Run by bench/audit-chain.sh:
 *   java -cp integration-flows/target/regiongate.jar bench/AuditChainBench.java RECORDS ROUNDS EVERY
 */
public class AuditChainBench {

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        AuditChainKey key = AuditChainKey.of("bench-audit-chain-secret-0123456789abcdef");
        AuditSigningKey signing = AuditSigningKey.fromPem("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder()
                .encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", "bench");
        String[] names = {"plain SHA-256 chain", "HMAC chain + content HMACs", "HMAC chain + content HMACs + checkpoints every " + every};
        double[][] nanos = new double[3][rounds];
        double[][] wall = new double[3][rounds];
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long signatures = 0;
        for (int round = -1; round < rounds; round++) {   // round -1 warms up
            for (int mode = 0; mode < 3; mode++) {
                AuditCheckpoints checkpoints = mode == 2 ? new AuditCheckpoints(signing, every, Duration.ofHours(1),
                        Clock.systemUTC()) : null;
                AuditChain chain = new AuditChain("eu-west-1/bench", null, mode == 0 ? null : key, checkpoints);
                long sink = 0;
                long started = System.nanoTime();
                long cpuStarted = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < records; i++) {
                    sink += chain.link(record(i, mode == 0 ? null : key)).json().length();
                    if (checkpoints != null && checkpoints.claim()) {
                        sink += chain.link(AuditEvent.checkpointRequest("eu-west-1", Instant.now(), false)).json().length();
                        if (round == 0) {
                            signatures++;
                        }
                    }
                }
                long elapsed = System.nanoTime() - started;
                long cpuElapsed = cpu.getCurrentThreadCpuTime() - cpuStarted;
                if (round >= 0) {
                    nanos[mode][round] = (double) cpuElapsed / records;
                    wall[mode][round] = (double) elapsed / records;
                }
                if (sink == 42) {
                    System.out.println();
                }
            }
        }
        double plain = median(nanos[0]);
        System.out.println("| chain | CPU per record (median of " + rounds + " rounds of " + records + "; the rounds) | vs plain | wall per record (median) |");
        System.out.println("|---|---|---|---|");
        for (int mode = 0; mode < 3; mode++) {
            double median = median(nanos[mode]);
            System.out.println(String.format(Locale.ROOT, "| %s | %.1f µs %s | %s | %.1f µs |", names[mode], median / 1000,
                    Arrays.stream(nanos[mode]).mapToObj(n -> String.format(Locale.ROOT, "%.1f", n / 1000)).toList(),
                    mode == 0 ? "—" : String.format(Locale.ROOT, "+%.1f µs (%.2fx)", (median - plain) / 1000, median / plain),
                    median(wall[mode]) / 1000));
        }
        System.out.println();
        System.out.println("(" + signatures + " checkpoints signed per round of the signed chain)");
    }

    private static AuditRecord record(int i, AuditChainKey key) {
        String prompt = AuditJson.sha256Hex("[{\"role\":\"user\",\"content\":\"prompt " + i + "\"}]");
        String completion = AuditJson.sha256Hex("completion " + i);
        AuditRecord.Content content = key == null ? new AuditRecord.Content("hash", prompt, completion)
                : new AuditRecord.Content("hash", null, null, key.contentHmac(prompt), key.contentHmac(completion));
        return new AuditRecord(AuditRecord.SCHEMA_VERSION, "req_" + String.format("%032x", i), "2026-12-02T10:00:00.000Z",
                "2026-12-02T10:00:00.093Z", 93L, "eu-west-1", "eu-west-1", "acme-eu", "gpt-4o", false, "eu-west-1-sim",
                List.of(), new AuditRecord.Residency("local", null, null), "admitted", 200, null, "complete",
                new TokenUsage(4L, 12L, 16L), content, null, null, null, null);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
