package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.ChatLoad;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code sync} tenant's answer is given only once its record is in the journal, also while the
 * journal forces records by group commit under concurrent load: eight clients at full rate, the
 * runtime killed ({@code kill -9}) among them; every request answered 200 before the kill has its
 * record in the journal, and after a restart the journal verifies, the kill counted as one unclean
 * stop.
 */
class AuditSyncKillIT {

    private static final TestTenant SYNC_TENANT = new TestTenant("acme-eu-sync", "eu", "rg-test-sync-kill-" + System.nanoTime());
    private static final int CLIENTS = 8;

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-sync-kill")
            .tenant(SYNC_TENANT, "sync", "hash")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks");

    @Test
    void everySyncAnswerGivenBeforeAKillHasItsRecordInTheJournal() {
        GatewayProcess gateway = deployment.gateway();
        ChatLoad load = ChatLoad.start(gateway.uri("/"), SYNC_TENANT, CLIENTS);
        Poll.require(Duration.ofSeconds(30), () -> load.answered().size() >= 200, () -> "sync answers before the kill");

        gateway.kill();
        load.stop();

        Set<String> answered = load.answered().stream().map(ChatLoad.Sent::requestId).collect(Collectors.toSet());
        Set<String> inJournal = AuditFiles.lines(deployment.journal()).stream()
                .filter(entry -> entry.hasNonNull("request_id"))
                .map(entry -> entry.path("request_id").asText())
                .collect(Collectors.toSet());
        assertThat(answered).as("answers given before the kill").hasSizeGreaterThanOrEqualTo(200);
        assertThat(inJournal).as("every answered sync request's record in the journal").containsAll(answered);

        deployment.restart().close();
        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(60), "audit", "verify",
                "--journal", deployment.journal().toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("1 losses", "0 altered");
    }
}
