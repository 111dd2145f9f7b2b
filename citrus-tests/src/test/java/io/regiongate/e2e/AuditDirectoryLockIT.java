package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One audit directory, one runtime: a second runtime configured onto the directory a running one
 * uses refuses to start, with exit code 2 and one line naming the directory and the holder, before
 * it takes anything else (its port, a Hazelcast member); the first one goes on undisturbed.
 */
class AuditDirectoryLockIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-directory-lock")
            .tenant(TENANT, "async", "hash")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "hello there")
            // absolute, so that the second runtime, started elsewhere, is configured onto the same directory
            .configure(config -> config.auditJournal(auditDirectory().toString()));

    private static Path auditDirectory() {
        return deployment.journal().getParent();
    }

    @Test
    void aSecondRuntimeOnTheSameAuditDirectoryRefusesToStartAndTheFirstGoesOn() {
        GatewayProcess gateway = deployment.gateway();
        Path directory = auditDirectory();
        Path config = gateway.directory().resolve("regiongate.yaml");
        GatewayProcess.CommandResult second = GatewayProcess.runCommand(Duration.ofSeconds(60), "--config", config.toString());

        assertThat(second.exitCode()).as(second.output()).isEqualTo(2);
        assertThat(second.output().strip().lines()).as(second.output()).singleElement().asString()
                .isEqualTo("regiongate: eu-west-1 cannot start: audit directory " + directory
                        + " is in use by another runtime (pid " + gateway.pid()
                        + "); each runtime needs an audit.journal directory of its own");

        ChatCalls.Answer answer = ChatCalls.complete(gateway.uri("/"), TENANT, "gpt-4o");
        assertThat(answer.status()).isEqualTo(200);
        Poll.require(Duration.ofSeconds(10), () -> AuditFiles.lines(directory.resolve("journal.jsonl")).stream()
                        .anyMatch(record -> answer.requestId().equals(record.path("request_id").asText())),
                () -> "the first runtime's record of " + answer.requestId());
    }
}
