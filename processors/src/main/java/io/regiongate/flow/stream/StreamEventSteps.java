package io.regiongate.flow.stream;

import io.regiongate.api.ResponsesEvents;
import io.regiongate.flow.ExchangeKeys;
import io.regiongate.redaction.StreamTextRedactor;
import io.regiongate.sse.SseChunk;
import io.regiongate.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The steps every upstream event passes through, in order, before the next event is read:
 * <ol>
 *   <li><b>parse</b>: the event's data as JSON, once, and whether the event is whole;</li>
 *   <li><b>meter</b>: the request's answer observer (quota meter and audit tally) sees it, also
 *       when the client has gone;</li>
 *   <li><b>transform</b>: withhold what the client must not get: a cut-off event, and the usage
 *       chunk when the client did not ask for it; hold a Responses stream's preamble until its first
 *       output; redact the text (the request's {@link StreamTextRedactor}, with its bounded
 *       hold-back window);</li>
 *   <li><b>relay</b>: write and flush it to the client (the relay stops reading the upstream while
 *       too much waits for the client's socket).</li>
 * </ol>
 * Each step is a plain method and, for the {@code stream-event} route, a {@link Processor} that works
 * on the event exchange: body {@link SseEvent} then {@link SseChunk}, the {@link StreamSession} in
 * the exchange property {@link ExchangeKeys#STREAM_SESSION}.
 */
public final class StreamEventSteps {

    private StreamEventSteps() {
    }

    public static SseChunk parse(SseEvent event) {
        return SseChunk.parse(event);
    }

    public static void meter(StreamSession session, SseChunk chunk) {
        session.answer().observeChunk(chunk.json());
    }

    public static SseChunk transform(StreamSession session, SseChunk chunk) {
        if (chunk.relayed() && chunk.isUsageChunk() && !session.clientWantsUsage()) {
            return chunk.withheld();
        }
        if (chunk.relayed() && session.typedEvents() && !session.started()) {
            if (ResponsesEvents.isPreamble(chunk.json())) {
                session.hold(Buffer.buffer(chunk.event().wireBytes()));
                return chunk.withheld();
            }
            if (ResponsesEvents.endsFailed(chunk.json())) {
                // nothing reached the client yet: the relay fails over instead
                return chunk.withheld();
            }
        }
        StreamTextRedactor redactor = session.redactor();
        return redactor == null ? chunk : redactor.transform(chunk);
    }

    public static void relay(StreamSession session, SseChunk chunk) {
        if (chunk.relayed()) {
            session.write(Buffer.buffer(chunk.event().wireBytes()));
        }
    }

    public static Processor parseStep() {
        return exchange -> exchange.getIn().setBody(parse(exchange.getIn().getBody(SseEvent.class)));
    }

    public static Processor meterStep() {
        return exchange -> meter(session(exchange), chunk(exchange));
    }

    public static Processor transformStep() {
        return exchange -> exchange.getIn().setBody(transform(session(exchange), chunk(exchange)));
    }

    public static Processor relayStep() {
        return exchange -> relay(session(exchange), chunk(exchange));
    }

    private static StreamSession session(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.STREAM_SESSION, StreamSession.class);
    }

    private static SseChunk chunk(Exchange exchange) {
        return exchange.getIn().getBody(SseChunk.class);
    }
}
