package io.regiongate.flow.stream;

import io.regiongate.call.AnswerObserver;
import io.regiongate.flow.ExchangeKeys;
import io.regiongate.sse.SseChunk;
import io.regiongate.sse.SseEvent;
import java.io.IOException;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends each event through a Camel route (the {@code stream-event} route, whose steps are the
 * {@link StreamEventSteps}) on the calling thread, one exchange per event, and waits for it: the
 * next event is read only once this one has been relayed. One producer template per context,
 * shared by every stream.
 */
public final class CamelStreamEventFlow {

    private final String endpointUri;
    private volatile Bound bound;

    /** @param endpointUri the route's entry, e.g. {@code direct:regiongate-stream-event} */
    public CamelStreamEventFlow(String endpointUri) {
        this.endpointUri = endpointUri;
    }

    /** The flow in {@code context}; the producer template is made on first use. */
    public StreamEventFlow in(CamelContext context) {
        Bound current = bound;
        if (current == null || current.context != context) {
            synchronized (this) {
                current = bound;
                if (current == null || current.context != context) {
                    current = new Bound(context, context.getEndpoint(endpointUri), context.createProducerTemplate());
                    bound = current;
                }
            }
        }
        return current;
    }

    /**
     * Makes the producer and takes one event that is withheld (cut off, so nothing is written)
     * through the route, so that the first client's stream does not pay for class loading and
     * producer start-up, which would hold its first events back.
     */
    public void warmUp(CamelContext context) throws IOException {
        SseEvent cutOff = new SseEvent(new byte[] {'d', 'a', 't', 'a', ':', ' ', '{'}, "{", null, null, false);
        in(context).process(new StreamSession(null, () -> { }, new AnswerObserver(), false), cutOff);
    }

    private record Bound(CamelContext context, Endpoint endpoint, ProducerTemplate template) implements StreamEventFlow {

        @Override
        public SseChunk process(StreamSession session, SseEvent event) throws IOException {
            Exchange done = template.send(endpoint, exchange -> {
                exchange.getIn().setBody(event);
                exchange.setProperty(ExchangeKeys.STREAM_SESSION, session);
            });
            Exception failure = done.getException();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new IOException("the stream-event route failed: " + failure.getMessage(), failure);
            }
            return done.getMessage().getBody(SseChunk.class);
        }
    }
}
