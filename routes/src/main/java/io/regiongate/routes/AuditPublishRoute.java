package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The one route that publishes audit records: the body to this region's Kafka audit topic, keyed
 * by the chain's writer, with the idempotent producer and {@code acks=all}, waiting for the
 * acknowledgement. Failures go back to the caller (the writer spools, the replay stops).
 * Properties: {@code regiongate.audit.kafka.topic}, {@code .bootstrap-servers},
 * {@code .delivery-timeout-ms}, {@code .request-timeout-ms}, {@code .max-block-ms}.
 */
public final class AuditPublishRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-publish";

    static final String KAFKA = "kafka:{{regiongate.audit.kafka.topic}}"
            + "?brokers={{regiongate.audit.kafka.bootstrap-servers}}"
            + "&requestRequiredAcks=all&enableIdempotence=true&maxInFlightRequest=5"
            + "&synchronous=true"
            + "&deliveryTimeoutMs={{regiongate.audit.kafka.delivery-timeout-ms}}"
            + "&requestTimeoutMs={{regiongate.audit.kafka.request-timeout-ms}}"
            + "&maxBlockMs={{regiongate.audit.kafka.max-block-ms}}";

    @Override
    public void configure() {
        from(Endpoints.AUDIT_PUBLISH)
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .to(KAFKA).id("audit-kafka");
    }
}
