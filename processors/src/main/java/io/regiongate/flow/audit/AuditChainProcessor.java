package io.regiongate.flow.audit;

import io.regiongate.audit.AuditChain;
import io.regiongate.audit.AuditRecord;
import io.regiongate.flow.ExchangeKeys;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * First step of the audit writer: links the record into this writer's hash chain and makes the
 * message exactly what is delivered: the record's JSON as body, the writer as Kafka key (one
 * writer's records stay in one partition, in chain order) and the request id as a Kafka header
 * for consumers that drop duplicates. Every other header is dropped.
 *
 * <p>Runs on the writer's single thread: chain order is delivery order.
 */
public final class AuditChainProcessor implements Processor {

    /** camel-kafka's {@code KafkaConstants.KEY}. */
    public static final String KAFKA_KEY = "kafka.KEY";
    /** Kafka record header carrying the request id. */
    public static final String REQUEST_ID_HEADER = "regiongate-request-id";

    private final AuditChain chain;

    public AuditChainProcessor(AuditChain chain) {
        this.chain = chain;
    }

    @Override
    public void process(Exchange exchange) {
        AuditRecord record = exchange.getProperty(ExchangeKeys.AUDIT_RECORD, AuditRecord.class);
        AuditChain.Linked linked = chain.link(record);
        exchange.setProperty(ExchangeKeys.AUDIT_RECORD, linked.record());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KAFKA_KEY, chain.writer());
        message.setHeader(REQUEST_ID_HEADER, linked.requestId());
        message.setBody(linked.json());
    }
}
