package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class AuditDeliveryFailuresTest {

    @Test
    void aRecordTheBrokerRefusesForGoodIsDeadLettered() {
        assertThat(AuditDeliveryFailures.classify(new RecordTooLargeException("The message is 1048700 bytes"))
                .refusedForGood()).isTrue();
        assertThat(AuditDeliveryFailures.classify(new InvalidRecordException("failed validation")).refusedForGood()).isTrue();
        assertThat(AuditDeliveryFailures.classify(new RecordBatchTooLargeException("batch")).refusedForGood()).isTrue();
    }

    @Test
    void anEndpointThatIsAwayOrUnusableForNowIsRetriedFromTheSpool() {
        assertThat(AuditDeliveryFailures.classify(new TimeoutException("Expiring 3 record(s)")).refusedForGood()).isFalse();
        assertThat(AuditDeliveryFailures.classify(new NetworkException("disconnected")).refusedForGood()).isFalse();
        assertThat(AuditDeliveryFailures.classify(new NotLeaderOrFollowerException("moved")).refusedForGood()).isFalse();
        assertThat(AuditDeliveryFailures.classify(new CorruptRecordException("crc")).refusedForGood())
                .as("corrupt on the wire is retriable").isFalse();
        assertThat(AuditDeliveryFailures.classify(new TopicAuthorizationException("not allowed")).refusedForGood())
                .as("every record would meet it").isFalse();
        assertThat(AuditDeliveryFailures.classify(new IllegalStateException("no consumers on direct:")).refusedForGood())
                .isFalse();
    }

    @Test
    void theKafkaErrorIsFoundInsideWhatCamelWrapsAroundItAndNamedWithoutContent() {
        AuditDeliveryFailures.Classified why = AuditDeliveryFailures.classify(new org.apache.camel.CamelExchangeException(
                "failed", null, new ExecutionException(new RecordTooLargeException("The message is 2000 bytes"))));

        assertThat(why.refusedForGood()).isTrue();
        assertThat(why.reason()).isEqualTo("RecordTooLargeException: The message is 2000 bytes");
    }
}
