package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prompts never leave their region through the Kafka request/reply entry either: a runtime whose
 * request topic is declared on another region's Kafka refuses to start, naming the property, before
 * it serves anything.
 */
class KafkaRequestRegionRefusalIT {

    @Test
    void refusesToStartWithARequestTopicOnAnotherRegionsKafka() {
        // given an eu-west-1 runtime whose request topic is on us-east-1's Kafka
        try (Deployment deployment = Deployment.oneRegion("kafka-request-region-refusal")
                .tenant(TestTenant.acmeEu())
                .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(10), "hi")
                .jvmOptions("-Dregiongate.requests.kafka.topic=regiongate.requests.us-east-1",
                        "-Dregiongate.requests.kafka.region=" + US,
                        "-Dregiongate.requests.kafka.bootstrap-servers=kafka.us-east-1.internal:9092",
                        "-Dregiongate.requests.kafka.reply-topic=regiongate.replies.us-east-1")) {

            // when it starts, then it refuses, naming the property and the rule
            assertThatThrownBy(deployment::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before it was ready")
                    .hasMessageContaining("regiongate.requests.kafka.region is 'us-east-1'")
                    .hasMessageContaining("must be on this region's Kafka (eu-west-1)");
        }
    }
}
