package io.regiongate.runtime;

import io.regiongate.config.AuditConfig.KafkaEndpoint;
import io.regiongate.config.AuditConfig.KafkaSecurityProtocol;
import io.regiongate.config.ConfigException;
import io.regiongate.config.ConfigProblem;
import io.regiongate.config.GatewayConfig;
import io.regiongate.kafka.KafkaClientSecurity;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the runtime starts, asks its audit cluster's bootstrap servers whether they speak the
 * configured {@code security-protocol}, and refuses to start (as for a bad configuration, naming
 * {@code audit.endpoints[0].kafka.security-protocol}, {@code .trust-store}, {@code .key-store} or
 * {@code .sasl}) when they cannot work together: a PLAINTEXT client against a TLS listener (its
 * records would never be taken, only spooled), TLS against a plain listener, a broker certificate
 * the trust store does not trust, a client certificate or a SASL login the broker refuses. A cluster
 * that cannot be reached at all does not stop the start: records are spooled until it is back, as
 * for any outage.
 *
 * <p>Whether a server speaks TLS is learnt by offering it a TLS handshake and sending nothing else: a
 * TLS listener answers it (also when its certificate is not trusted: that failure is TLS speaking);
 * a plain Kafka listener closes the connection.
 */
final class AuditKafkaStartCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AuditKafkaStartCheck.class);
    private static final String KEY = "audit.endpoints[0].kafka";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private AuditKafkaStartCheck() {
    }

    /** @throws ConfigException naming the key at fault */
    static void check(GatewayConfig config, Function<String, String> environment) throws ConfigException {
        if (config.audit().endpoints().isEmpty()) {
            return;
        }
        KafkaEndpoint endpoint = config.audit().endpoints().get(0).kafka();
        KafkaSecurityProtocol protocol = endpoint.securityProtocol();
        List<ConfigProblem> problems = new ArrayList<>();
        boolean anyTls = false;
        for (String server : endpoint.bootstrapServers().split(",")) {
            Boolean tls = speaksTls(server.trim());
            if (tls == null) {
                LOG.warn("audit cluster: {} cannot be reached now; records are spooled until it can", server.trim());
            } else if (tls && !protocol.tls()) {
                problems.add(new ConfigProblem(KEY + ".security-protocol", "PLAINTEXT, but the broker at " + server.trim()
                        + " speaks TLS: set SSL or SASL_SSL (with trust-store for a private CA)"));
            } else if (!tls && protocol.tls()) {
                problems.add(new ConfigProblem(KEY + ".security-protocol", protocol + ", but the broker at " + server.trim()
                        + " does not speak TLS on that port"));
            }
            anyTls |= Boolean.TRUE.equals(tls);
        }
        if (problems.isEmpty() && anyTls && protocol.tls()) {
            problems.addAll(login(endpoint, environment));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(config.source(), problems);
        }
    }

    /** True: a TLS listener; false: not TLS; null: not reachable now. */
    static Boolean speaksTls(String server) {
        int colon = server.lastIndexOf(':');
        String host = server.substring(0, colon);
        int port = Integer.parseInt(server.substring(colon + 1));
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), (int) WAIT.toMillis());
        } catch (IOException e) {
            closeQuietly(plain);
            return null;
        }
        try (SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true)) {
            tls.setSoTimeout((int) WAIT.toMillis());
            tls.startHandshake();
            return true;
        } catch (SSLException e) {
            // a certificate not trusted by the JVM, or a TLS alert: the server spoke TLS; a connection
            // closed in the middle of the handshake: it did not
            return hasCause(e, CertificateException.class) || String.valueOf(e.getMessage()).contains("fatal alert");
        } catch (SocketTimeoutException e) {
            return false;
        } catch (ConnectException e) {
            return null;
        } catch (IOException e) {
            return false;
        }
    }

    /** One cluster description with the endpoint's settings: what a refused certificate or login looks like. */
    private static List<ConfigProblem> login(KafkaEndpoint endpoint, Function<String, String> environment) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "regiongate-audit-start-check");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() * 2);
        properties.putAll(KafkaClientSecurity.clientProperties(endpoint, environment));
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) WAIT.toMillis() * 2)).clusterId()
                    .get(WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
            return List.of();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SslAuthenticationException) {
                boolean untrusted = hasCause(cause, CertificateException.class)
                        || String.valueOf(cause.getMessage()).contains("PKIX");
                return List.of(new ConfigProblem(KEY + (untrusted ? ".trust-store" : ".key-store"),
                        "TLS with " + endpoint.bootstrapServers() + " failed: " + rootMessage(cause)));
            }
            if (cause instanceof SaslAuthenticationException) {
                return List.of(new ConfigProblem(KEY + ".sasl", "the broker refused the login: " + cause.getMessage()));
            }
            LOG.warn("audit cluster: cannot describe {} now ({}); records are spooled until it can",
                    endpoint.bootstrapServers(), rootMessage(cause));
            return List.of();
        } catch (TimeoutException e) {
            LOG.warn("audit cluster: {} did not answer within {} s; records are spooled until it does",
                    endpoint.bootstrapServers(), WAIT.toSeconds() * 3);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }
}
