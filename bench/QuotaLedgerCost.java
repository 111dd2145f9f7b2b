import io.regiongate.config.HazelcastConfig;
import io.regiongate.hazelcast.QuotaCluster;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.QuotaLedger;
import io.regiongate.quota.QuotaLimits;
import java.lang.management.ManagementFactory;

/**
 * The quota ledger's own cost (bench/quota-ledger.sh): one admission and one settlement, as the
 * admit-quota step and its completion do for every request of a tenant with quotas, against the
 * region's embedded Hazelcast member (the default), from one thread, in rounds of ROUNDS_OF calls.
 * Prints wall time and the whole process's CPU time (Hazelcast's threads included) per pair.
 *
 *   java -cp regiongate.jar bench/QuotaLedgerCost.java [ROUNDS] [PER_ROUND]
 */
public class QuotaLedgerCost {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (QuotaCluster cluster = QuotaCluster.start("eu-west-1", HazelcastConfig.defaults())) {
            QuotaLedger ledger = cluster.ledger();
            QuotaLimits limits = new QuotaLimits(1_000_000_000L, 1_000_000_000_000L, 0, 0);
            System.out.println("| round | calls | wall per admit + settle | CPU per admit + settle (process) |");
            System.out.println("|---:|---:|---:|---:|");
            for (int round = 1; round <= rounds; round++) {
                long cpuBefore = os.getProcessCpuTime();
                long before = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    QuotaDecision decision = ledger.admit("bench-tenant", limits, 100);
                    ledger.settle(decision.reservation(), 50);
                }
                long wall = System.nanoTime() - before;
                long cpu = os.getProcessCpuTime() - cpuBefore;
                System.out.printf("| %d%s | %d | %.1f µs | %.1f µs |%n", round, round == 1 ? " (warm-up)" : "",
                        perRound, wall / 1e3 / perRound, cpu / 1e3 / perRound);
            }
        }
    }
}
