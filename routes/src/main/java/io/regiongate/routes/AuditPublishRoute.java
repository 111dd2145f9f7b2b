package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The one route that publishes audit records: the body to this region's Kafka audit topic, keyed
 * by the chain's writer, with the idempotent producer and {@code acks=all}. It does not wait for
 * the acknowledgement: the trail writer sends records pipelined and learns each outcome when its
 * exchange completes (failures go back to it: it spools, or dead-letters a record refused for good).
 * Started first and stopped last, so that records on their way are settled at shutdown.
 * Properties: {@code regiongate.audit.kafka.topic}, {@code .bootstrap-servers},
 * {@code .delivery-timeout-ms}, {@code .request-timeout-ms}, {@code .max-block-ms},
 * {@code .max-request-size}, {@code .batch-size}; the security settings of
 * {@code audit.endpoints[0].kafka} come with the client factory bound as {@value #KAFKA_CLIENTS}.
 */
public final class AuditPublishRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-publish";
    /** The registry name of the Kafka client factory that adds the endpoint's security settings. */
    public static final String KAFKA_CLIENTS = "regiongateAuditKafkaClients";

    static final String KAFKA = "kafka:{{regiongate.audit.kafka.topic}}"
            + "?brokers={{regiongate.audit.kafka.bootstrap-servers}}"
            + "&requestRequiredAcks=all&enableIdempotence=true&maxInFlightRequest=5"
            + "&synchronous=false"
            + "&deliveryTimeoutMs={{regiongate.audit.kafka.delivery-timeout-ms}}"
            + "&requestTimeoutMs={{regiongate.audit.kafka.request-timeout-ms}}"
            + "&maxBlockMs={{regiongate.audit.kafka.max-block-ms}}"
            + "&maxRequestSize={{regiongate.audit.kafka.max-request-size}}"
            + "&producerBatchSize={{regiongate.audit.kafka.batch-size}}"
            + "&kafkaClientFactory=#" + KAFKA_CLIENTS;

    @Override
    public void configure() {
        from(Endpoints.AUDIT_PUBLISH)
                .routeId(ROUTE_ID)
                .startupOrder(Endpoints.AUDIT_STARTUP_ORDER)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .to(KAFKA).id("audit-kafka");
    }
}
