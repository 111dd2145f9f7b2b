package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.AuditTopicReader;
import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.ChatLoad;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when the audit broker goes away, and the trail catches up when it is back.
 * Eight clients send as fast as they are answered; the broker stops for a while: answers keep
 * flowing ({@code async}) or wait only for the on-disk spool ({@code sync}); the writer's queue is
 * kept small, so that it fills while the first sends time out and records go straight to the spool.
 * Within 60 s of the broker's return the spool is empty (the replay sends it pipelined while the
 * load goes on), every answered request's record is on the topic and the topic's chain verifies.
 * A runtime killed while records are spooled delivers them after its restart.
 *
 * <p>The outage lasts {@code -Daudit.outage.seconds} (default {@value #DEFAULT_OUTAGE_SECONDS} s):
 * long enough for the producer's delivery timeout (3 s) to expire many times over, the queue to
 * overflow and several replays to fail, and short enough to keep the suite within its budget.
 * {@code bench/audit-outage.sh} runs the same scenario with the 20 s and reports how long
 * the catch-up took and how fast the spool drained.
 */
class AuditBrokerOutageIT {

    private static final int DEFAULT_OUTAGE_SECONDS = 10;
    private static final int CLIENTS = 8;
    private static final TestTenant ASYNC_TENANT = new TestTenant("acme-eu", "eu", "rg-test-async-" + System.nanoTime());
    private static final TestTenant SYNC_TENANT = new TestTenant("acme-eu-sync", "eu", "rg-test-sync-" + System.nanoTime());
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private static final String TOPIC = Deployment.auditTopicName(EU);

    /** A runtime serving both tenants, and an audit broker of its own, for one scenario. */
    private static Deployment deployment(String name) {
        return Deployment.oneRegion(name)
                .tenant(ASYNC_TENANT, "async", "hash")
                .tenant(SYNC_TENANT, "sync", "none")
                .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks")
                .auditToKafka();
    }

    @Test
    void underFullLoadTheSpoolIsDeliveredWithinAMinuteOfTheBrokersReturnAndTheChainVerifies() throws Exception {
        int outageSeconds = Integer.getInteger("audit.outage.seconds", DEFAULT_OUTAGE_SECONDS);
        try (Deployment deployment = deployment("audit-outage").jvmOptions("-Dregiongate.audit.queue-size=500").start()) {
            GatewayProcess gateway = deployment.gateway();
            KraftBroker broker = deployment.broker();
            Path audit = deployment.journal().getParent();

            // given eight clients of an async tenant at full rate
            ChatLoad load = ChatLoad.start(gateway.uri("/"), ASYNC_TENANT, CLIENTS);
            load.phase("before");
            Poll.require(Duration.ofSeconds(30), () -> load.answered("before").size() >= 200, () -> "traffic before the outage");

            // when the broker stops for a while, and a sync tenant is served meanwhile too
            broker.stop();
            load.phase("during");
            long outageEnds = System.nanoTime() + Duration.ofSeconds(outageSeconds).toNanos();
            List<ChatCalls.Answer> syncDuring = new CopyOnWriteArrayList<>();
            Poll.until(Duration.ofSeconds(outageSeconds), () -> {
                if (syncDuring.size() < 3) {
                    syncDuring.add(ChatCalls.complete(gateway.uri("/"), SYNC_TENANT, "gpt-4o"));
                }
                return System.nanoTime() - outageEnds > 0;
            });
            assertThat(AuditFiles.spoolSegments(audit)).as("records spooled during the outage").isNotEmpty();
            // and comes back, the load going on
            broker.restart();
            long back = System.nanoTime();
            load.phase("after");
            Poll.require(CATCH_UP, () -> AuditFiles.spoolSegments(audit).isEmpty(),
                    () -> "an empty spool; still " + AuditFiles.spoolSegments(audit) + " in " + audit);
            double catchUpSeconds = (System.nanoTime() - back) / 1e9;
            load.stop();

            // then every answer was served, during the outage too
            assertThat(load.answered("during")).as("async answers served during the outage").hasSizeGreaterThan(100);
            assertThat(load.sent()).as("every request answered 200").allSatisfy(sent -> assertThat(sent.status()).isEqualTo(200));
            assertThat(syncDuring).as("sync answers during the outage (their records went to the spool)")
                    .isNotEmpty().allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));

            // and every request's record reaches the topic
            List<String> requestIds = new ArrayList<>();
            load.answered().forEach(sent -> requestIds.add(sent.requestId()));
            syncDuring.forEach(answer -> requestIds.add(answer.requestId()));
            System.out.printf("[e2e] %d answers (%d during a %d s outage); spool empty %.1f s after the broker's return%n",
                    requestIds.size(), load.answered("during").size(), outageSeconds, catchUpSeconds);
            try (AuditTopicReader reader = AuditTopicReader.of(broker.bootstrapServers(), TOPIC)) {
                Poll.require(Duration.ofSeconds(30), () -> reader.catchUp().requestIds().containsAll(requestIds),
                        () -> "records of all " + requestIds.size() + " requests on " + TOPIC + "; missing: "
                                + reader.missing(requestIds, 5));
                Set<String> onTopic = reader.requestIds();
                assertThat(onTopic).as("no record of a request that was not answered").containsExactlyInAnyOrderElementsOf(
                        new java.util.HashSet<>(requestIds));
            }

            // and the topic's chain verifies
            GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(120),
                    "audit", "verify", "--kafka", broker.bootstrapServers(), "--topic", TOPIC);
            assertThat(verify.exitCode()).as(verify.output()).isZero();
            assertThat(verify.output()).contains("0 altered, 0 breaks, 0 gaps, 0 reordered");
        }
    }

    @Test
    void recordsSpooledWhenTheRuntimeIsKilledAreDeliveredAfterItsRestart() throws Exception {
        try (Deployment deployment = deployment("audit-crash").start()) {
            GatewayProcess gateway = deployment.gateway();
            KraftBroker broker = deployment.broker();
            Path audit = deployment.journal().getParent();
            assertThat(ChatCalls.complete(gateway.uri("/"), ASYNC_TENANT, "gpt-4o").status()).isEqualTo(200);

            // given records spooled while the broker is down
            broker.stop();
            List<String> requestIds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ChatCalls.Answer answer = ChatCalls.complete(gateway.uri("/"), ASYNC_TENANT, "gpt-4o");
                assertThat(answer.status()).isEqualTo(200);
                requestIds.add(answer.requestId());
            }
            Poll.require(Duration.ofSeconds(20), () -> AuditFiles.spooledIds(audit).containsAll(requestIds),
                    () -> "the 5 records in the spool of " + audit);

            // when the runtime is killed, the broker comes back and the runtime starts again
            gateway.kill();
            broker.restart();
            deployment.restart();

            // then the spooled records reach the topic, after them the record of the unclean stop, and the chain verifies
            try (AuditTopicReader reader = AuditTopicReader.of(broker.bootstrapServers(), TOPIC)) {
                Poll.require(Duration.ofSeconds(60), () -> reader.catchUp().requestIds().containsAll(requestIds)
                                && !reader.events("unclean_stop").isEmpty(),
                        () -> "the spooled records on " + TOPIC + "; missing: " + reader.missing(requestIds, 5));
                assertThat(reader.events("unclean_stop")).singleElement().satisfies(stop ->
                        assertThat(stop.path("unclean_stop").path("requests_without_record").asLong())
                                .as("every record was spooled before the kill").isZero());
            }
            GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(60),
                    "audit", "verify", "--kafka", broker.bootstrapServers(), "--topic", TOPIC);
            assertThat(verify.exitCode()).as(verify.output()).isZero();
            assertThat(verify.output()).contains("1 losses (0 requests without record)", "0 unlinked");
        }
    }
}
