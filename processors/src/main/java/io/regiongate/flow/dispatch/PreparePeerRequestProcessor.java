package io.regiongate.flow.dispatch;

import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.peer.PeerLinks;
import io.regiongate.peer.PeerProof;
import io.regiongate.residency.ResidencyDecision;
import io.regiongate.telemetry.RequestSpans;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Builds the request forwarded to a peer runtime: the validated body, the client's own key (the
 * peer authenticates the tenant itself), the residency inputs so the peer decides the same way,
 * {@code X-RegionGate-Forwarded-By} so the peer serves from its own upstreams only, signed with the
 * link's secret ({@code X-RegionGate-Peer-Signature}, see {@link PeerProof}) so that the peer can
 * tell a forward from a client posing as one, and the trace context so the peer's spans continue
 * this request's trace.
 */
public final class PreparePeerRequestProcessor implements Processor {

    private final String region;
    private final RequestSpans spans;
    private final PeerLinks links;
    private final Clock clock;

    public PreparePeerRequestProcessor(String region, RequestSpans spans, PeerLinks links, Clock clock) {
        this.region = region;
        this.spans = spans;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        ResidencyDecision residency = call.residency();
        Message message = exchange.getIn();
        OutgoingRequest.reset(message, call.request());
        message.setHeader(GatewayHeaders.AUTHORIZATION, call.credential().authorization());
        message.setHeader(GatewayHeaders.FORWARDED_BY, region);
        message.setHeader(GatewayHeaders.ARRIVAL_REQUEST_ID, call.requestId());
        byte[] secret = links.secretFor(call.target().target().region());
        if (secret != null) {
            message.setHeader(GatewayHeaders.PEER_SIGNATURE, PeerProof.sign(secret, "POST", call.request().operation().path(),
                    message.getBody(byte[].class), clock.instant().getEpochSecond(), region, call.requestId()).header());
        }
        if (residency.consentId() != null) {
            message.setHeader(GatewayHeaders.CONSENT, residency.consentId());
        }
        if (residency.narrowedTo() != null) {
            message.setHeader(GatewayHeaders.RESIDENCY, residency.narrowedTo());
        }
        String traceparent = spans.traceparentFor(call);
        if (traceparent != null) {
            message.setHeader(RequestSpans.TRACEPARENT, traceparent);
        }
    }
}
