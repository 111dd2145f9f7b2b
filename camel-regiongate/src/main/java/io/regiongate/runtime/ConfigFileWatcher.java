package io.regiongate.runtime;

import io.regiongate.config.ConfigSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the configuration file and its overlay every interval and runs the reload when their
 * content changed ({@link ConfigSource#sha256}). Content, not modification times: an editor's
 * rename over the file, a Kubernetes ConfigMap's symlink swap and a touch that changes nothing are
 * all told apart by the bytes. A file caught half-written does not validate and is refused; the
 * finished write is a change again.
 */
final class ConfigFileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final ConfigSource source;
    private final String region;
    private final Duration interval;
    private final Runnable onChange;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("regiongate-config-watch"));
    private byte[] seen;

    /**
     * @param loaded the files' {@link ConfigSource#sha256} when the running configuration was read:
     *               a change made while the runtime was starting is seen at the first check
     */
    ConfigFileWatcher(ConfigSource source, String region, byte[] loaded, Duration interval, Runnable onChange) {
        this.source = source;
        this.region = region;
        this.seen = loaded;
        this.interval = interval;
        this.onChange = onChange;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("watching {} for changes every {}", source.files(region), interval);
    }

    private void check() {
        try {
            byte[] now = source.sha256(region);
            if (!Arrays.equals(now, seen)) {
                seen = now;
                onChange.run();
            }
        } catch (RuntimeException e) {
            LOG.warn("checking {} for changes failed: {}", source.files(region), e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
