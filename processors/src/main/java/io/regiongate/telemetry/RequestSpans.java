package io.regiongate.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.Outcome;
import io.regiongate.call.TokenUsage;
import io.regiongate.failover.Attempt;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The spans of one API request: one for the request, continuing the client's W3C
 * {@code traceparent}, and one per upstream attempt, with the OpenTelemetry GenAI attributes
 * ({@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens}, ...) and RegionGate's own
 * ({@code regiongate.region}, {@code regiongate.tenant}, {@code regiongate.request_id}). Never any
 * content. The request's span is started when it arrives (so that its context can travel to a
 * peer) and given its attributes and ended from the record, in one place, when it ends. With
 * tracing off the tracer is OpenTelemetry's no-op and this costs next to nothing.
 */
public final class RequestSpans {

    public static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final String region;

    public RequestSpans(OpenTelemetry openTelemetry, String region) {
        this.tracer = openTelemetry.getTracer("io.regiongate");
        this.region = region;
    }

    /**
     * The request's span, started (from its arrival) on first use: a child of the client's
     * {@code traceparent} when it sent a valid one.
     */
    public Span spanOf(GatewayCall call) {
        if (call.span() == null) {
            String traceparent = call.clientTraceparent();
            Context parent = traceparent == null ? Context.root()
                    : W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), HEADERS);
            call.traced(tracer.spanBuilder("chat").setSpanKind(SpanKind.SERVER).setParent(parent)
                    .setStartTimestamp(call.receivedAt()).startSpan());
        }
        return call.span();
    }

    /** The {@code traceparent} that continues the request's trace at a peer; null without tracing. */
    public String traceparentFor(GatewayCall call) {
        Span span = spanOf(call);
        if (!span.getSpanContext().isValid()) {
            return null;
        }
        return "00-" + span.getSpanContext().getTraceId() + "-" + span.getSpanContext().getSpanId() + "-"
                + span.getSpanContext().getTraceFlags().asHex();
    }

    /** Adds what the record holds to the request's span, one span per attempt, and ends them. */
    public void finish(GatewayCall call, int fallbackStatus) {
        Span span = spanOf(call);
        if (!span.isRecording()) {
            return;
        }
        Outcome outcome = call.outcome() != null ? call.outcome() : Outcome.answered(fallbackStatus);
        span.setAttribute("gen_ai.operation.name", "chat");
        span.setAttribute("regiongate.region", region);
        span.setAttribute("regiongate.request_id", call.requestId());
        span.setAttribute("http.response.status_code", outcome.status());
        if (call.tenant() != null) {
            span.setAttribute("regiongate.tenant", call.tenant().id());
        }
        if (call.request() != null) {
            span.setAttribute("gen_ai.request.model", call.request().model());
            span.setAttribute("regiongate.stream", call.request().stream());
        }
        if (call.servedBy() != null) {
            span.setAttribute("regiongate.served_region", String.valueOf(call.servedBy().region()));
        }
        TokenUsage usage = call.answer().tally().usage();
        if (usage != null && usage.promptTokens() != null) {
            span.setAttribute(AttributeKey.longKey("gen_ai.usage.input_tokens"), usage.promptTokens());
        }
        if (usage != null && usage.completionTokens() != null) {
            span.setAttribute(AttributeKey.longKey("gen_ai.usage.output_tokens"), usage.completionTokens());
        }
        if (outcome.error() != null) {
            span.setAttribute("error.type", String.valueOf(outcome.error().code()));
            span.setStatus(StatusCode.ERROR);
        }
        attemptSpans(call, span);
        span.end(call.receivedAt().plus(call.elapsed()));
    }

    private void attemptSpans(GatewayCall call, Span parent) {
        if (call.failover() == null) {
            return;
        }
        List<Attempt> attempts = call.failover().attempts();
        for (Attempt attempt : attempts) {
            if (!attempt.called()) {
                continue;
            }
            Instant start = call.receivedAt().plusNanos(attempt.startedNanos() - call.startedNanos());
            SpanBuilder builder = tracer.spanBuilder("chat " + attempt.target().id()).setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(parent)).setStartTimestamp(start);
            Span span = builder.startSpan();
            span.setAttribute("gen_ai.operation.name", "chat");
            span.setAttribute("regiongate.target", attempt.target().id());
            span.setAttribute("regiongate.target_region", attempt.target().region());
            span.setAttribute("regiongate.outcome", attempt.outcome());
            if (!attempt.succeeded()) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end(start.plusNanos(attempt.timeToFirstByte().toNanos()));
        }
    }
}
