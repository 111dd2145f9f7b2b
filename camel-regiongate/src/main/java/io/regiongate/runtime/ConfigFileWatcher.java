package io.regiongate.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the configuration file and its overlay every interval and runs the reload when their
 * content changed. Content, not modification times: an editor's rename over the file, a Kubernetes
 * ConfigMap's symlink swap and a touch that changes nothing are all told apart by the bytes. A file
 * caught half-written does not validate and is refused; the finished write is a change again.
 */
final class ConfigFileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final List<Path> files;
    private final Duration interval;
    private final Runnable onChange;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "regiongate-config-watch");
        thread.setDaemon(true);
        return thread;
    });
    private byte[] seen;

    ConfigFileWatcher(List<Path> files, Duration interval, Runnable onChange) {
        this.files = List.copyOf(files);
        this.interval = interval;
        this.onChange = onChange;
    }

    void start() {
        seen = digest();
        scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("watching {} for changes every {}", files, interval);
    }

    private void check() {
        try {
            byte[] now = digest();
            if (!Arrays.equals(now, seen)) {
                seen = now;
                onChange.run();
            }
        } catch (RuntimeException e) {
            LOG.warn("checking {} for changes failed: {}", files, e.toString());
        }
    }

    private byte[] digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                sha256.update(file.toString().getBytes(StandardCharsets.UTF_8));
                sha256.update(read(file));
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's bytes; a single 0 byte for a missing or unreadable file (an overlay may come and go). */
    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[] {0};
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
