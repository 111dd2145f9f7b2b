package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditDirectoryLockTest {

    @TempDir
    Path directory;

    @Test
    void aSecondClaimOnALockedDirectoryIsRefusedNamingTheHolder() throws Exception {
        Path audit = directory.resolve("data/audit/eu-west-1");
        try (AuditDirectoryLock first = AuditDirectoryLock.acquire(audit)) {
            assertThat(Files.readString(audit.resolve(AuditDirectoryLock.FILE)))
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));

            assertThatThrownBy(() -> AuditDirectoryLock.acquire(audit))
                    .isInstanceOf(AuditDirectoryLock.InUse.class)
                    .hasMessageContaining("audit directory " + audit + " is in use by another runtime")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aReleasedDirectoryCanBeClaimedAgain() {
        AuditDirectoryLock.acquire(directory).close();

        try (AuditDirectoryLock again = AuditDirectoryLock.acquire(directory)) {
            assertThat(again.directory()).isEqualTo(directory);
        }
    }
}
