package io.regiongate.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * The audit writer's tuning that Java code needs before Camel starts (the routes read the rest as
 * Camel properties): from {@code regiongate-defaults.properties}, overridden by an environment variable
 * (the key upper-cased, dots and dashes as underscores, as Camel reads them) and by a system
 * property ({@code -D}), the same layers Camel resolves the routes' properties from.
 *
 * @param syncTimeout      {@code regiongate.audit.sync-timeout-ms}
 * @param sendWindow       {@code regiongate.audit.send-window}: records waiting for Kafka's acknowledgement at most
 * @param replayBatch      {@code regiongate.audit.replay-batch-size}
 * @param replayRetry      {@code regiongate.audit.replay-retry-ms}
 * @param segmentBytes     {@code regiongate.audit.spool.segment-bytes}
 * @param deliveryTimeout  {@code regiongate.audit.kafka.delivery-timeout-ms}
 */
record AuditTuning(Duration syncTimeout, int sendWindow, int replayBatch, Duration replayRetry, long segmentBytes,
                   Duration deliveryTimeout) {

    static AuditTuning load(Function<String, String> environment) {
        Properties defaults = RegionGateDefaults.load();
        Function<String, String> value = key -> {
            String fromSystem = System.getProperty(key);
            if (fromSystem != null) {
                return fromSystem;
            }
            String fromEnvironment = environment.apply(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            if (fromEnvironment != null) {
                return fromEnvironment;
            }
            String fromFile = defaults.getProperty(key);
            if (fromFile == null) {
                throw new IllegalStateException(RegionGateDefaults.RESOURCE + " lacks " + key);
            }
            return fromFile;
        };
        return new AuditTuning(
                Duration.ofMillis(Long.parseLong(value.apply("regiongate.audit.sync-timeout-ms").trim())),
                Integer.parseInt(value.apply("regiongate.audit.send-window").trim()),
                Integer.parseInt(value.apply("regiongate.audit.replay-batch-size").trim()),
                Duration.ofMillis(Long.parseLong(value.apply("regiongate.audit.replay-retry-ms").trim())),
                Long.parseLong(value.apply("regiongate.audit.spool.segment-bytes").trim()),
                Duration.ofMillis(Long.parseLong(value.apply("regiongate.audit.kafka.delivery-timeout-ms").trim())));
    }
}
