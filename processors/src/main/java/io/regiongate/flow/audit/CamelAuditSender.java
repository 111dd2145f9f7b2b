package io.regiongate.flow.audit;

import io.regiongate.audit.AuditJson;
import io.regiongate.audit.AuditSender;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Sends audit records through the {@code audit-publish} route (camel-kafka, not waiting for the
 * acknowledgement): the record's JSON as body, its chain writer as Kafka key (one writer's records
 * stay in one partition, in chain order) and its id as a Kafka header for consumers that drop
 * duplicates. Each send is one exchange whose completion (on camel-kafka's worker thread) reports
 * the broker's acknowledgement or the failure.
 */
public final class CamelAuditSender implements AuditSender {

    /** camel-kafka's {@code KafkaConstants.KEY}. */
    public static final String KAFKA_KEY = "kafka.KEY";

    private final Supplier<CamelContext> context;
    private final String uri;
    private volatile Endpoint endpoint;
    private volatile AsyncProducer producer;

    public CamelAuditSender(Supplier<CamelContext> context, String uri) {
        this.context = context;
        this.uri = uri;
    }

    @Override
    public void send(AuditJson.Routing routing, String json, Consumer<Throwable> done) {
        AsyncProducer to = producer();
        Exchange exchange = endpoint.createExchange();
        Message message = exchange.getMessage();
        message.setHeader(KAFKA_KEY, routing.writer());
        message.setHeader(routing.event() ? EVENT_ID_HEADER : REQUEST_ID_HEADER, routing.id());
        message.setBody(json);
        to.process(exchange, doneSync -> done.accept(exchange.getException()));
    }

    private AsyncProducer producer() {
        AsyncProducer current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    CamelContext camel = context.get();
                    endpoint = camel.getEndpoint(uri);
                    try {
                        current = endpoint.createAsyncProducer();
                        current.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot send to " + uri + ": " + e.getMessage(), e);
                    }
                    producer = current;
                }
            }
        }
        return current;
    }
}
