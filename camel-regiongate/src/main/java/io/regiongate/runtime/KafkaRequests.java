package io.regiongate.runtime;

import io.regiongate.camel.KafkaRequestSteps;
import io.regiongate.config.GatewayConfig;
import io.regiongate.routes.KafkaRequestReplyRoute;
import io.regiongate.routes.Steps;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The Kafka request/reply entry's settings, from Camel properties: on when
 * {@value KafkaRequestReplyRoute#TOPIC} is set. Its Kafka must be declared in this runtime's region
 * ({@value KafkaRequestReplyRoute#REGION}), as an audit endpoint must: anything else refuses the
 * start, naming the property.
 */
record KafkaRequests(String topic, String replyTopic) {

    static KafkaRequests of(CamelContext context, GatewayConfig config) {
        PropertiesComponent properties = context.getPropertiesComponent();
        String topic = properties.resolveProperty(KafkaRequestReplyRoute.TOPIC).orElse(null);
        if (topic == null || topic.isBlank()) {
            return null;
        }
        String region = properties.resolveProperty(KafkaRequestReplyRoute.REGION).orElse(null);
        if (!config.region().equals(region)) {
            throw new RuntimeCamelException("regiongate: " + KafkaRequestReplyRoute.REGION + " is "
                    + (region == null ? "not set" : "'" + region + "'") + ": the request topic " + topic
                    + " must be on this region's Kafka (" + config.region() + "); refusing to start");
        }
        require(properties, KafkaRequestReplyRoute.BOOTSTRAP_SERVERS);
        String replyTopic = require(properties, KafkaRequestReplyRoute.REPLY_TOPIC);
        if (properties.resolveProperty(KafkaRequestReplyRoute.GROUP_ID).isEmpty()) {
            properties.addInitialProperty(KafkaRequestReplyRoute.GROUP_ID, "regiongate-requests-" + config.region());
        }
        return new KafkaRequests(topic, replyTopic);
    }

    private static String require(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).filter(value -> !value.isBlank())
                .orElseThrow(() -> new RuntimeCamelException("regiongate: " + KafkaRequestReplyRoute.TOPIC
                        + " is set but " + key + " is not; refusing to start"));
    }

    Map<String, Processor> steps() {
        KafkaRequestSteps steps = new KafkaRequestSteps(replyTopic);
        return Map.of(Steps.KAFKA_REQUEST, steps.request(), Steps.KAFKA_REFUSED, steps.refused(),
                Steps.KAFKA_REPLY, steps.reply(), Steps.KAFKA_COMMIT, steps.commit());
    }
}
