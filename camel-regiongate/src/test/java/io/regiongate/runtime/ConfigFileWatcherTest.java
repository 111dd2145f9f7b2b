package io.regiongate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileWatcherTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    @TempDir
    Path directory;

    @Test
    void aChangedContentOfTheFileOrOfAnOverlayThatAppearsIsAChangeButATouchIsNot() throws Exception {
        Path base = Files.writeString(directory.resolve("regiongate.yaml"), "region: eu-west-1\n");
        Path overlay = directory.resolve("regiongate.eu-west-1.yaml");
        Semaphore changes = new Semaphore(0);
        ConfigSource source = ConfigSource.file(base, null);
        try (ConfigFileWatcher watcher = new ConfigFileWatcher(source, "eu-west-1", source.sha256("eu-west-1"), INTERVAL,
                changes::release)) {
            watcher.start();

            Files.setLastModifiedTime(base, FileTime.from(Instant.now().plusSeconds(60)));
            assertThat(changes.tryAcquire(10 * INTERVAL.toMillis(), TimeUnit.MILLISECONDS)).as("a touch").isFalse();

            Files.writeString(base, "region: eu-west-1\ntenants: []\n");
            assertThat(changes.tryAcquire(5, TimeUnit.SECONDS)).as("the base file's content changed").isTrue();

            Files.writeString(overlay, "listen: {port: 8081}\n");
            assertThat(changes.tryAcquire(5, TimeUnit.SECONDS)).as("an overlay appeared").isTrue();
            assertThat(changes.tryAcquire(10 * INTERVAL.toMillis(), TimeUnit.MILLISECONDS))
                    .as("one change is reported once").isFalse();
        }
    }

    @Test
    void aChangeMadeWhileTheRuntimeWasStartingIsSeenAtTheFirstCheck() throws Exception {
        Path base = Files.writeString(directory.resolve("regiongate.yaml"), "region: eu-west-1\n");
        ConfigSource source = ConfigSource.file(base, null);
        byte[] whenRead = source.sha256("eu-west-1");
        Files.writeString(base, "region: eu-west-1\ntenants: []\n");
        Semaphore changes = new Semaphore(0);
        try (ConfigFileWatcher watcher = new ConfigFileWatcher(source, "eu-west-1", whenRead, Duration.ofHours(1),
                changes::release)) {
            watcher.start();

            assertThat(changes.tryAcquire(5, TimeUnit.SECONDS)).as("the change before the watch started").isTrue();
        }
    }
}
