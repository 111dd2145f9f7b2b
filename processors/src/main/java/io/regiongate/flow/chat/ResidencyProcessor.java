package io.regiongate.flow.chat;

import io.regiongate.call.Arrival;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.RequestIds;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.residency.ResidencyPolicy;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Decides where this request's content may go, from its tenant's policy and its residency headers. */
public final class ResidencyProcessor implements Processor {

    private final ResidencyPolicy policy;
    private final Set<String> regions;

    /** @param regions every region of the deployment: a forward names one of them or is not recorded as one */
    public ResidencyProcessor(ResidencyPolicy policy, Set<String> regions) {
        this.policy = policy;
        this.regions = Set.copyOf(regions);
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        GatewayCall call = Calls.of(exchange);
        String forwardedBy = in.getHeader(GatewayHeaders.FORWARDED_BY, String.class);
        boolean forwarded = forwardedBy != null && !forwardedBy.isBlank();
        call.decided(policy.decide(call.tenant(),
                in.getHeader(GatewayHeaders.RESIDENCY, String.class),
                in.getHeader(GatewayHeaders.CONSENT, String.class),
                forwarded));
        if (forwarded && regions.contains(forwardedBy.trim())) {
            String arrivalId = in.getHeader(GatewayHeaders.ARRIVAL_REQUEST_ID, String.class);
            call.forwardedFrom(new Arrival(forwardedBy.trim(), RequestIds.wellFormed(arrivalId) ? arrivalId : null));
        }
    }
}
