package io.regiongate.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker for scenarios, in this JVM, from the Kafka jars on the test classpath (no
 * Docker): one KRaft node acting as broker and controller, PLAINTEXT and CONTROLLER listeners on
 * 127.0.0.1 at ports free at start, replication factors 1, its log under the given directory
 * (under {@code target/}). Its address is known before it starts, so that clients can be
 * configured first. It can be stopped and started again on the same ports and log, as an outage
 * and recovery look to clients.
 */
public final class KraftBroker implements AutoCloseable {

    private final Path directory;
    private final Properties properties;
    private final int port;
    private KafkaRaftServer server;

    private KraftBroker(Path directory, Properties properties, int port) {
        this.directory = directory;
        this.properties = properties;
        this.port = port;
    }

    /** A broker with its log under {@code directory}, on ports free now; {@link #start()} starts it. */
    public static KraftBroker at(Path directory) {
        int brokerPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path logDir = directory.toAbsolutePath().resolve("kafka-logs");
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDir.toString());
        properties.put("num.partitions", "1");
        properties.put("auto.create.topics.enable", "true");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("log.flush.interval.messages", "1");
        return new KraftBroker(directory.toAbsolutePath(), properties, brokerPort);
    }

    /** Formats a fresh log directory and starts the broker. */
    public synchronized KraftBroker start() {
        Path logDir = Path.of(properties.getProperty("log.dirs"));
        try {
            deleteRecursively(logDir);
            Files.createDirectories(directory);
            Path file = directory.resolve("kraft-broker.properties");
            try (var out = Files.newOutputStream(file)) {
                properties.store(out, "in-process KRaft broker for scenarios");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", file.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("formatting the Kafka log failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startServer();
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker: clients see it unreachable. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts it again on the same ports and log. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    private synchronized void startServer() {
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
    }

    @Override
    public void close() {
        stop();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path each : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
