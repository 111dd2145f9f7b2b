package io.regiongate.runtime;

import io.regiongate.config.AuditConfig.KafkaEndpoint;
import io.regiongate.config.AuditConfig.KafkaSasl;
import io.regiongate.config.AuditConfig.KafkaSaslMechanism;
import io.regiongate.config.AuditConfig.KafkaSecurityProtocol;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line's way to the same Kafka security settings as {@code audit.endpoints[].kafka}, one
 * flag per key ({@code --security-protocol SSL --trust-store ca.pem ...}), secrets again only by the
 * names of environment variables.
 */
final class KafkaSecurityFlags {

    static final List<String> FLAGS = List.of("--security-protocol", "--sasl-mechanism", "--sasl-username-env",
            "--sasl-password-env", "--trust-store", "--trust-store-password-env", "--key-store", "--key-store-password-env");

    static final String USAGE = """
              --security-protocol P         PLAINTEXT (default), SSL or SASL_SSL, as the endpoint's security-protocol
              --trust-store FILE            the CAs of the brokers' certificates (PEM, .p12/.pfx or .jks)
              --trust-store-password-env V  the variable holding the trust store's password (PKCS#12, JKS)
              --key-store FILE              a client certificate and key (.p12/.pfx, .jks, or PEM)
              --key-store-password-env V    the variable holding its password
              --sasl-mechanism M            PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (SASL_SSL)
              --sasl-username-env V         the variable holding the SASL user name
              --sasl-password-env V         the variable holding the SASL password""";

    private KafkaSecurityFlags() {
    }

    /** @throws IllegalArgumentException for a protocol or mechanism that does not exist */
    static KafkaEndpoint endpoint(String bootstrapServers, String topic, Map<String, String> options) {
        KafkaSecurityProtocol protocol = options.containsKey("--security-protocol")
                ? KafkaSecurityProtocol.valueOf(known(options.get("--security-protocol"),
                        Arrays.stream(KafkaSecurityProtocol.values()).map(Enum::name).toList()))
                : null;
        KafkaSasl sasl = null;
        if (options.containsKey("--sasl-mechanism")) {
            String word = known(options.get("--sasl-mechanism"),
                    Arrays.stream(KafkaSaslMechanism.values()).map(KafkaSaslMechanism::word).toList());
            KafkaSaslMechanism mechanism = Arrays.stream(KafkaSaslMechanism.values())
                    .filter(each -> each.word().equals(word)).findFirst().orElseThrow();
            sasl = new KafkaSasl(mechanism, options.get("--sasl-username-env"), options.get("--sasl-password-env"));
        }
        return new KafkaEndpoint(bootstrapServers, topic, protocol, sasl, options.get("--trust-store"),
                options.get("--trust-store-password-env"), options.get("--key-store"), options.get("--key-store-password-env"));
    }

    private static String known(String value, List<String> words) {
        if (!words.contains(value)) {
            throw new IllegalArgumentException("'" + value + "' is not one of " + words);
        }
        return value;
    }
}
