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
    private int sslPort;
    private int saslSslPort;
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

    /**
     * Adds two TLS listeners (before {@link #start()}): {@code SSL} ({@link #sslBootstrapServers()}) and
     * {@code SASL_SSL} with the PLAIN mechanism and one user ({@link #saslSslBootstrapServers()}), both
     * presenting the certificate in {@code keyStore} (PKCS#12; made by the test, for 127.0.0.1). The
     * PLAINTEXT listener stays, for the broker itself.
     */
    public KraftBroker withTlsListeners(Path keyStore, String password, String saslUser, String saslPassword) {
        sslPort = FreePorts.next();
        saslSslPort = FreePorts.next();
        String tls = ",SSL://127.0.0.1:" + sslPort + ",SASL_SSL://127.0.0.1:" + saslSslPort;
        properties.put("listeners", properties.getProperty("listeners") + tls);
        properties.put("advertised.listeners", properties.getProperty("advertised.listeners") + tls);
        properties.put("listener.security.protocol.map", properties.getProperty("listener.security.protocol.map")
                + ",SSL:SSL,SASL_SSL:SASL_SSL");
        properties.put("ssl.keystore.location", keyStore.toAbsolutePath().toString());
        properties.put("ssl.keystore.type", "PKCS12");
        properties.put("ssl.keystore.password", password);
        properties.put("ssl.key.password", password);
        properties.put("sasl.enabled.mechanisms", "PLAIN");
        properties.put("listener.name.sasl_ssl.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + saslUser + "=\"" + saslPassword
                        + "\";");
        return this;
    }

    /** {@code 127.0.0.1:<port>} of the SSL listener ({@link #withTlsListeners}). */
    public String sslBootstrapServers() {
        return "127.0.0.1:" + sslPort;
    }

    /** {@code 127.0.0.1:<port>} of the SASL_SSL listener ({@link #withTlsListeners}). */
    public String saslSslBootstrapServers() {
        return "127.0.0.1:" + saslSslPort;
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
