package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.BrokerRecords;
import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing is lost when the audit broker goes away. While it is down, answers keep flowing (async)
 * or wait only for the on-disk spool (sync); when it is back, every request's record reaches the
 * topic in chain order. A runtime killed while records are spooled delivers them after its restart.
 *
 * <p>The outage lasts {@value #OUTAGE_SECONDS} s rather than the issue's ~20 s: long enough for the
 * producer's delivery timeout (3 s) to expire, the writer to switch to the spool and several
 * replays to fail, and short enough to keep the scenario suite within its time budget; a longer
 * outage only spools more of the same.
 *
 * <p>Each scenario has a runtime and a broker of its own.
 */
class AuditBrokerOutageIT {

    private static final int OUTAGE_SECONDS = 8;
    private static final TestTenant ASYNC_TENANT = new TestTenant("acme-eu", "eu", "rg-test-async-" + System.nanoTime());
    private static final TestTenant SYNC_TENANT = new TestTenant("acme-eu-sync", "eu", "rg-test-sync-" + System.nanoTime());
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(60);

    private static final String TOPIC = Deployment.auditTopicName(Deployment.EU);

    @RegisterExtension
    final Deployment deployment = Deployment.oneRegion("audit-outage")
            .tenant(ASYNC_TENANT, "async", "hash")
            .tenant(SYNC_TENANT, "sync", "none")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks")
            .auditToKafka();

    @Test
    void everyRequestServedDuringABrokerOutageIsOnTheTopicAfterwardsAndTheChainVerifies() throws Exception {
        GatewayProcess gateway = deployment.gateway();
        KraftBroker broker = deployment.broker();
        List<ChatCalls.Answer> before = new CopyOnWriteArrayList<>();
        List<ChatCalls.Answer> during = new CopyOnWriteArrayList<>();
        List<ChatCalls.Answer> after = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<List<ChatCalls.Answer>> phase = new CopyOnWriteArrayList<>(List.of(before));

        // given steady traffic from an async tenant
        Thread traffic = new Thread(() -> {
            while (running.get()) {
                phase.get(phase.size() - 1).add(ChatCalls.complete(gateway.uri("/"), ASYNC_TENANT, "gpt-4o"));
            }
        }, "steady-traffic");
        traffic.start();
        Poll.require(Duration.ofSeconds(20), () -> before.size() >= 10, () -> "traffic before the outage");

        // when the broker stops for a while, and a sync tenant is served meanwhile too
        broker.stop();
        phase.add(during);
        long outageEnds = System.nanoTime() + Duration.ofSeconds(OUTAGE_SECONDS).toNanos();
        List<ChatCalls.Answer> syncDuring = new CopyOnWriteArrayList<>();
        Poll.until(Duration.ofSeconds(OUTAGE_SECONDS), () -> {
            if (syncDuring.size() < 3) {
                syncDuring.add(ChatCalls.complete(gateway.uri("/"), SYNC_TENANT, "gpt-4o"));
            }
            return System.nanoTime() - outageEnds > 0;
        });
        // and comes back
        broker.restart();
        phase.add(after);
        Poll.require(Duration.ofSeconds(20), () -> after.size() >= 10, () -> "traffic after the outage");
        running.set(false);
        traffic.join();

        // then every answer was served, during the outage too
        assertThat(during).as("async answers served during the outage").hasSizeGreaterThan(10)
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(syncDuring).as("sync answers during the outage (their records went to the spool)")
                .isNotEmpty().allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(before).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(after).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));

        // and every request's record reaches the topic
        List<String> requestIds = new java.util.ArrayList<>();
        for (List<ChatCalls.Answer> answers : List.of(before, during, syncDuring, after)) {
            answers.forEach(answer -> requestIds.add(answer.requestId()));
        }
        Poll.require(DELIVERY_DEADLINE, () -> requestIdsOnTheTopic().containsAll(requestIds),
                () -> "records of all " + requestIds.size() + " requests on " + TOPIC + "; missing: " + missing(requestIds));
        Map<String, Long> counts = BrokerRecords.countByRequestId(BrokerRecords.readTopic(broker.bootstrapServers(), TOPIC));
        assertThat(counts.keySet()).as("no record of a request that was not sent").containsExactlyInAnyOrderElementsOf(requestIds);

        // and the topic's chain verifies
        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(60),
                "audit", "verify", "--kafka", broker.bootstrapServers(), "--topic", TOPIC);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("0 altered, 0 breaks, 0 gaps, 0 reordered");
    }

    @Test
    void recordsSpooledWhenTheRuntimeIsKilledAreDeliveredAfterItsRestart() {
        GatewayProcess gateway = deployment.gateway();
        KraftBroker broker = deployment.broker();
        assertThat(ChatCalls.complete(gateway.uri("/"), ASYNC_TENANT, "gpt-4o").status()).isEqualTo(200);

        // given records spooled while the broker is down
        broker.stop();
        List<String> requestIds = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ChatCalls.Answer answer = ChatCalls.complete(gateway.uri("/"), ASYNC_TENANT, "gpt-4o");
            assertThat(answer.status()).isEqualTo(200);
            requestIds.add(answer.requestId());
        }
        Path spool = gateway.directory().resolve("data/audit/spool.jsonl");
        Poll.require(Duration.ofSeconds(20), () -> spooledRequestIds(spool).containsAll(requestIds),
                () -> "the 5 records in " + spool);

        // when the runtime is killed, the broker comes back and the runtime starts again
        gateway.kill();
        broker.restart();
        deployment.restart();

        // then the spooled records reach the topic, and the chain verifies
        Poll.require(DELIVERY_DEADLINE, () -> requestIdsOnTheTopic().containsAll(requestIds),
                () -> "the spooled records on " + TOPIC + "; missing: " + missing(requestIds));
        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(60),
                "audit", "verify", "--kafka", broker.bootstrapServers(), "--topic", TOPIC);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    private Set<String> requestIdsOnTheTopic() {
        return BrokerRecords.countByRequestId(BrokerRecords.readTopic(deployment.broker().bootstrapServers(), TOPIC)).keySet();
    }

    private List<String> missing(List<String> requestIds) {
        Set<String> present = requestIdsOnTheTopic();
        return requestIds.stream().filter(id -> !present.contains(id)).limit(5).toList();
    }

    private static List<String> spooledRequestIds(Path spool) {
        try {
            if (!Files.exists(spool)) {
                return List.of();
            }
            return Files.readAllLines(spool).stream()
                    .map(line -> line.replaceAll(".*\"request_id\":\"([^\"]+)\".*", "$1"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
