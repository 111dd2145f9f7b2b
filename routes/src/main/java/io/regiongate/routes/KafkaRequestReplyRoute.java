package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The Kafka request/reply entry: each record on this region's request topic is a chat request,
 * answered through the {@code regiongate:chat} component (the same steps as the HTTP API) on the
 * reply topic, the refusals in OpenAI's error shape. The record's offset is committed only once
 * its reply was acknowledged by the broker (at least once). Added only when
 * {@code regiongate.requests.kafka.topic} is set; its Kafka must be this region's.
 */
public final class KafkaRequestReplyRoute extends RouteBuilder {

    public static final String ROUTE_ID = "kafka-requests";
    /** The Camel property that turns the entry on: this region's request topic. */
    public static final String TOPIC = "regiongate.requests.kafka.topic";
    /** The region the request topic's Kafka is in; must be this runtime's. */
    public static final String REGION = "regiongate.requests.kafka.region";
    public static final String BOOTSTRAP_SERVERS = "regiongate.requests.kafka.bootstrap-servers";
    /** The reply topic, and the prefix of any reply topic a request may name. */
    public static final String REPLY_TOPIC = "regiongate.requests.kafka.reply-topic";
    public static final String GROUP_ID = "regiongate.requests.kafka.group-id";

    @Override
    public void configure() {
        from("kafka:{{" + TOPIC + "}}?brokers={{" + BOOTSTRAP_SERVERS + "}}&groupId={{" + GROUP_ID + "}}"
                + "&autoOffsetReset=earliest&autoCommitEnable=false&allowManualCommit=true")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .doTry()
                    .process(Steps.KAFKA_REQUEST).id("kafka-request")
                    .to("regiongate:chat").id("kafka-chat")
                .doCatch(Exception.class)
                    .process(Steps.KAFKA_REFUSED).id("kafka-refused")
                .end()
                .process(Steps.KAFKA_REPLY).id("kafka-reply-headers")
                .to("kafka:{{" + REPLY_TOPIC + "}}?brokers={{" + BOOTSTRAP_SERVERS + "}}").id("kafka-reply")
                .process(Steps.KAFKA_COMMIT).id("kafka-commit");
    }
}
