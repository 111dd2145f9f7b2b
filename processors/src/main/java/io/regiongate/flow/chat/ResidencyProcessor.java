package io.regiongate.flow.chat;

import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.residency.ResidencyPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Decides where this request's content may go, from its tenant's policy and its residency headers;
 * a forward a peer proved ({@link VerifyPeerProcessor}) is served from local upstreams only.
 */
public final class ResidencyProcessor implements Processor {

    private final ResidencyPolicy policy;

    public ResidencyProcessor(ResidencyPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        GatewayCall call = Calls.of(exchange);
        call.decided(policy.decide(call.tenant(),
                in.getHeader(GatewayHeaders.RESIDENCY, String.class),
                in.getHeader(GatewayHeaders.CONSENT, String.class),
                call.forwardedFrom() != null));
    }
}
