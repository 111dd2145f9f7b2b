package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.AuditTopicReader;
import io.regiongate.e2e.support.ChatLoad;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@code async} tenant may lose records still in memory when the runtime is killed, but never
 * silently. The runtime is killed ({@code kill -9}) five times under load, each time started again
 * on the same audit directory; then it runs once more and stops cleanly. Every request a client
 * got a 2xx for is on the topic, or is counted in the {@code unclean_stop} record that the next
 * writer wrote about the killed one; each writer's chain continues the one before it, and
 * {@code audit verify} passes, reporting the five losses.
 */
class AuditCrashCyclesIT {

    private static final int KILLS = 5;
    private static final String TOPIC = Deployment.auditTopicName(EU);
    private static final TestTenant TENANT = TestTenant.acmeEu();

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-crash-cycles")
            .tenant(TENANT, "async", "hash")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks")
            .auditToKafka();

    @Test
    void everyAnsweredRequestIsOnTheTopicOrCountedInTheLossTheNextWriterRecorded() throws Exception {
        // given a runtime killed five times under the load of four clients
        List<List<String>> answeredPerRun = new ArrayList<>();
        GatewayProcess gateway = deployment.gateway();
        KraftBroker broker = deployment.broker();
        try (AuditTopicReader during = AuditTopicReader.of(broker.bootstrapServers(), TOPIC)) {
            for (int run = 1; run <= KILLS; run++) {
                ChatLoad load = ChatLoad.start(gateway.uri("/"), TENANT, 4);
                int kill = run;
                Poll.require(Duration.ofSeconds(60), () -> load.answered().size() >= 150,
                        () -> "150 answers before kill " + kill);
                // each writer must have had acknowledgements, or its successor cannot name it (a writer
                // killed before its first one leaves nothing on the topic, or records it never knew were
                // written). A record seen on the topic is not enough: on a new topic the first records go
                // out as one batch, which a consumer can read before the producer has handled its
                // acknowledgement (seen on CI). So wait until a record answered after that is there too:
                // it went out in a later batch, after the first one's acknowledgement was due.
                int[] answeredWhenFirstSeen = {-1};
                Poll.require(Duration.ofSeconds(60), () -> {
                    Set<String> onTopic = during.catchUp().requestIds();
                    List<ChatLoad.Sent> answered = load.answered();
                    if (answeredWhenFirstSeen[0] < 0) {
                        if (answered.stream().anyMatch(sent -> onTopic.contains(sent.requestId()))) {
                            answeredWhenFirstSeen[0] = answered.size();
                        }
                        return false;
                    }
                    return answered.stream().skip(answeredWhenFirstSeen[0])
                            .anyMatch(sent -> onTopic.contains(sent.requestId()));
                }, () -> "records of run " + kill + " from two batches on the topic before its kill");
                gateway.kill();
                load.stop();
                answeredPerRun.add(load.answered().stream().map(ChatLoad.Sent::requestId).toList());
                gateway = deployment.restart();
            }
        }
        // when it runs once more and stops cleanly
        ChatLoad last = ChatLoad.start(gateway.uri("/"), TENANT, 2);
        Poll.require(Duration.ofSeconds(60), () -> last.answered().size() >= 100, () -> "answers after the last start");
        last.stop();
        answeredPerRun.add(last.answered().stream().map(ChatLoad.Sent::requestId).toList());
        Poll.require(Duration.ofSeconds(60), () -> AuditFiles.spoolSegments(deployment.journal().getParent()).isEmpty(),
                () -> "the spool delivered");
        gateway.close();

        try (AuditTopicReader reader = AuditTopicReader.of(broker.bootstrapServers(), TOPIC)) {
            reader.catchUp();
            Set<String> onTopic = reader.requestIds();
            Map<String, String> writerOf = reader.writerOfRequest();
            Map<String, Long> lossOfWriter = reader.events("unclean_stop").stream().collect(Collectors.toMap(
                    stop -> stop.path("unclean_stop").path("previous_writer").asText(),
                    stop -> stop.path("unclean_stop").path("requests_without_record").asLong()));

            // then the last, clean run lost nothing
            assertThat(onTopic).as("the records of the clean run").containsAll(answeredPerRun.get(KILLS));
            // and each killed run's missing records are within the loss the next writer recorded
            assertThat(lossOfWriter).as("one unclean_stop record per kill").hasSize(KILLS);
            long totalMissing = 0;
            for (int run = 0; run < KILLS; run++) {
                List<String> answered = answeredPerRun.get(run);
                List<String> missing = answered.stream().filter(id -> !onTopic.contains(id)).toList();
                String writer = majorityWriter(answered, writerOf);
                assertThat(lossOfWriter).as("a loss recorded for the writer of run %d", run + 1).containsKey(writer);
                assertThat((long) missing.size()).as("run %d: %d answered, %d not on the topic, loss recorded %d",
                        run + 1, answered.size(), missing.size(), lossOfWriter.get(writer))
                        .isLessThanOrEqualTo(lossOfWriter.get(writer));
                totalMissing += missing.size();
                System.out.printf("[e2e] run %d (writer %s): %d answered, %d not on the topic, %d recorded as without record%n",
                        run + 1, writer, answered.size(), missing.size(), lossOfWriter.get(writer));
            }
            System.out.printf("[e2e] %d records on the topic; %d answered requests lost in %d kills, all declared%n",
                    reader.records(), totalMissing, KILLS);
        }

        // and the chain verifies across the restarts, each writer continuing the one before it
        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(120),
                "audit", "verify", "--kafka", broker.bootstrapServers(), "--topic", TOPIC);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("from " + (KILLS + 1) + " writer(s)", "0 unlinked", KILLS + " losses")
                .containsPattern("chain: writer \\S+ starts a new chain");
        assertThat(verify.output().lines().filter(line -> line.contains("chain: writer") && line.contains(" continues ")))
                .as("every later writer continues the one before").hasSize(KILLS);
    }

    /** The writer most of a run's answered requests were recorded by: that run's writer. */
    private static String majorityWriter(List<String> answered, Map<String, String> writerOf) {
        Map<String, Integer> votes = new HashMap<>();
        answered.stream().map(writerOf::get).filter(java.util.Objects::nonNull).forEach(w -> votes.merge(w, 1, Integer::sum));
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new AssertionError("no record of a run on the topic"));
    }
}
