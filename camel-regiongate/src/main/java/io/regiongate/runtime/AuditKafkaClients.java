package io.regiongate.runtime;

import io.regiongate.config.AuditConfig.KafkaEndpoint;
import io.regiongate.kafka.KafkaClientSecurity;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.producer.Producer;

/**
 * The audit producer's Kafka clients, made with the endpoint's security settings
 * ({@code security-protocol}, trust and key stores, SASL) added to what the {@code audit-publish}
 * route's URI sets: the passwords go from the environment straight into the client, never into an
 * endpoint URI or a Camel property.
 */
final class AuditKafkaClients extends DefaultKafkaClientFactory {

    /** The registry name the {@code audit-publish} route refers to. */
    static final String BEAN = io.regiongate.routes.AuditPublishRoute.KAFKA_CLIENTS;

    private final Map<String, Object> security;

    AuditKafkaClients(KafkaEndpoint endpoint, Function<String, String> environment) {
        this.security = KafkaClientSecurity.clientProperties(endpoint, environment);
    }

    @Override
    public Producer getProducer(Properties kafkaProps) {
        kafkaProps.putAll(security);
        return super.getProducer(kafkaProps);
    }
}
