package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One audit directory, one runtime: a second runtime configured onto the directory a running one
 * uses refuses to start, with exit code 2 and one line naming the directory and the holder, before
 * it takes anything else (its port, a Hazelcast member); the first one goes on undisturbed.
 */
class AuditDirectoryLockIT {

    private static final String NAME = "audit-directory-lock";
    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static GatewayProcess gateway;
    private static Path directory;
    private static Path config;

    @BeforeAll
    static void startTheFirstRuntime() throws Exception {
        directory = AuditFiles.directory(NAME);
        AuditFiles.clear(directory);
        GatewayConfigFile file = GatewayConfigFile.listeningOn(FreePorts.next())
                .tenant(TENANT, "async", "hash")
                .simulatedUpstream("eu-sim", List.of("gpt-4o"), Duration.ofMillis(1), "hello there")
                .auditJournal(directory.toString());
        gateway = GatewayProcess.start(NAME, file);
        config = Files.writeString(GatewayProcess.directory(NAME).resolve("second.yaml"), file.yaml());
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aSecondRuntimeOnTheSameAuditDirectoryRefusesToStartAndTheFirstGoesOn() {
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
