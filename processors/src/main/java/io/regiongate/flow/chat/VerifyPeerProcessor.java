package io.regiongate.flow.chat;

import io.regiongate.api.ApiOperation;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.call.Arrival;
import io.regiongate.call.RequestIds;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.peer.ForwardedRequestVerifier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that carries any peer header ({@code X-RegionGate-Forwarded-By},
 * {@code X-RegionGate-Arrival-Request-Id}, {@code X-RegionGate-Peer-Signature}) is a forward only when
 * its proof holds; then its arrival is recorded and the residency step serves it from local
 * upstreams only. Without valid proof: 401 {@code peer_authentication_failed}, before anything is
 * forwarded or served. A request without peer headers is a client's and passes untouched.
 */
public final class VerifyPeerProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyPeerProcessor.class);
    private final ForwardedRequestVerifier verifier;
    /** The route's operation: a forward is signed for its path, whatever prefix a proxy in front of the peer adds. */
    private final ApiOperation operation;

    public VerifyPeerProcessor(ForwardedRequestVerifier verifier, ApiOperation operation) {
        this.verifier = verifier;
        this.operation = operation;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String forwardedBy = in.getHeader(GatewayHeaders.FORWARDED_BY, String.class);
        String arrivalId = in.getHeader(GatewayHeaders.ARRIVAL_REQUEST_ID, String.class);
        String signature = in.getHeader(GatewayHeaders.PEER_SIGNATURE, String.class);
        if (forwardedBy == null && arrivalId == null && signature == null) {
            return;
        }
        String refusal = verifier.refusal(forwardedBy, arrivalId, signature, "POST", operation.path(),
                in.getBody(byte[].class));
        if (refusal != null) {
            LOG.warn("request {} of tenant {} refused: it claims to be a peer's forward, but {}",
                    Calls.of(exchange).requestId(), Calls.of(exchange).tenant().id(), refusal);
            throw new GatewayException(OpenAiError.peerProofRefused(refusal));
        }
        Calls.of(exchange).forwardedFrom(new Arrival(forwardedBy.trim(), RequestIds.wellFormed(arrivalId) ? arrivalId : null));
    }
}
