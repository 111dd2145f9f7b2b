package io.regiongate.kafka;

import io.regiongate.config.AuditConfig.KafkaEndpoint;
import io.regiongate.config.AuditConfig.KafkaSasl;
import io.regiongate.config.AuditConfig.KafkaSecurityProtocol;
import io.regiongate.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The security settings of a Kafka client of the audit cluster, from {@code audit.endpoints[].kafka}:
 * the Kafka client properties (security protocol, TLS trust and key stores, SASL login) that the
 * audit producer and {@code audit verify} both add to their own, with secrets read from the
 * environment when the client is made (never written to configuration, URIs or logs); and the checks
 * that refuse start, naming the key, when they could not work.
 */
public final class KafkaClientSecurity {

    /** The TLS versions spoken to the brokers. */
    public static final String PROTOCOLS = "TLSv1.3,TLSv1.2";

    private KafkaClientSecurity() {
    }

    /** Kafka client properties for {@code endpoint}; the environment variables it names are set (checked before). */
    public static Map<String, Object> clientProperties(KafkaEndpoint endpoint, Function<String, String> environment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        KafkaSecurityProtocol protocol = endpoint.securityProtocol();
        properties.put("security.protocol", protocol.name());
        if (!protocol.tls()) {
            return properties;
        }
        properties.put("ssl.enabled.protocols", PROTOCOLS);
        properties.put("ssl.endpoint.identification.algorithm", "https");
        if (endpoint.trustStore() != null) {
            String type = storeType(endpoint.trustStore());
            properties.put("ssl.truststore.location", endpoint.trustStore());
            properties.put("ssl.truststore.type", type);
            if (!"PEM".equals(type)) {
                properties.put("ssl.truststore.password", environment.apply(endpoint.trustStorePasswordEnv()));
            }
        }
        if (endpoint.keyStore() != null) {
            String type = storeType(endpoint.keyStore());
            String password = environment.apply(endpoint.keyStorePasswordEnv());
            properties.put("ssl.keystore.location", endpoint.keyStore());
            properties.put("ssl.keystore.type", type);
            if (!"PEM".equals(type)) {
                properties.put("ssl.keystore.password", password);
            }
            properties.put("ssl.key.password", password);
        }
        KafkaSasl sasl = endpoint.sasl();
        if (protocol == KafkaSecurityProtocol.SASL_SSL && sasl != null && sasl.mechanism() != null) {
            properties.put("sasl.mechanism", sasl.mechanism().word());
            properties.put("sasl.jaas.config", sasl.mechanism().loginModule() + " required username=\""
                    + jaasQuoted(environment.apply(sasl.usernameEnv())) + "\" password=\""
                    + jaasQuoted(environment.apply(sasl.passwordEnv())) + "\";");
        }
        return properties;
    }

    /**
     * What keeps {@code endpoint}'s security settings from working, each problem under
     * {@code key} (e.g. {@code audit.endpoints[0].kafka}) and the setting's own name.
     */
    public static List<ConfigProblem> problems(KafkaEndpoint endpoint, String key, Function<String, String> environment) {
        List<ConfigProblem> problems = new ArrayList<>();
        KafkaSecurityProtocol protocol = endpoint.securityProtocol();
        if (!protocol.tls() && (endpoint.trustStore() != null || endpoint.keyStore() != null || endpoint.sasl() != null)) {
            problems.add(new ConfigProblem(key + ".security-protocol", "PLAINTEXT uses no trust-store, key-store or sasl; "
                    + "set SSL or SASL_SSL"));
        }
        if (protocol == KafkaSecurityProtocol.SASL_SSL && endpoint.sasl() == null) {
            problems.add(new ConfigProblem(key + ".sasl", "SASL_SSL needs {mechanism, username-env, password-env}"));
        } else if (protocol != KafkaSecurityProtocol.SASL_SSL && endpoint.sasl() != null && protocol.tls()) {
            problems.add(new ConfigProblem(key + ".sasl", "applies to security-protocol SASL_SSL only"));
        }
        if (endpoint.sasl() != null && protocol == KafkaSecurityProtocol.SASL_SSL) {
            KafkaSasl sasl = endpoint.sasl();
            if (sasl.mechanism() == null) {
                problems.add(new ConfigProblem(key + ".sasl.mechanism", "one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512"));
            }
            variable(sasl.usernameEnv(), key + ".sasl.username-env", "the user name", environment, problems);
            variable(sasl.passwordEnv(), key + ".sasl.password-env", "the password", environment, problems);
        }
        if (protocol.tls()) {
            store(endpoint.trustStore(), endpoint.trustStorePasswordEnv(), key + ".trust-store", false, environment, problems);
            store(endpoint.keyStore(), endpoint.keyStorePasswordEnv(), key + ".key-store", true, environment, problems);
        }
        return problems;
    }

    /** {@code PKCS12} for {@code .p12}/{@code .pfx}, {@code JKS} for {@code .jks}, else {@code PEM}. */
    public static String storeType(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
            return "PKCS12";
        }
        return lower.endsWith(".jks") ? "JKS" : "PEM";
    }

    private static void store(String file, String passwordEnv, String key, boolean keyStore,
                              Function<String, String> environment, List<ConfigProblem> problems) {
        if (file == null) {
            return;
        }
        if (!Files.isReadable(Path.of(file))) {
            problems.add(new ConfigProblem(key, "cannot read " + file));
            return;
        }
        String type = storeType(file);
        boolean needsPassword = keyStore || !"PEM".equals(type);
        if (!needsPassword) {
            return;
        }
        String password = variable(passwordEnv, key + "-password-env", keyStore && "PEM".equals(type)
                ? "the password of the PEM file's encrypted key" : "the store's password", environment, problems);
        if (password == null || "PEM".equals(type)) {
            return;
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore.getInstance(type).load(in, password.toCharArray());
        } catch (IOException e) {
            problems.add(new ConfigProblem(key + "-password-env", "the password does not open " + file + " ("
                    + e.getMessage() + ")"));
        } catch (GeneralSecurityException e) {
            problems.add(new ConfigProblem(key, "cannot read " + file + " as " + type + ": " + e.getMessage()));
        }
    }

    private static String variable(String name, String key, String what, Function<String, String> environment,
                                   List<ConfigProblem> problems) {
        if (name == null || name.isBlank()) {
            problems.add(new ConfigProblem(key, "name the environment variable that holds " + what));
            return null;
        }
        String value = environment.apply(name);
        if (value == null) {
            problems.add(new ConfigProblem(key, "environment variable " + name + " is not set"));
        }
        return value;
    }

    private static String jaasQuoted(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
