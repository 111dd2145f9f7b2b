package io.regiongate.flow.audit;

import io.regiongate.audit.RefusalTally;
import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import org.apache.camel.Predicate;

/** The conditions the audit route reads from a request's record. */
public final class AuditCalls {

    /**
     * The request was refused before a tenant was known (no key, or one no tenant has): it is
     * counted in the next refusal summary instead of getting a record of its own.
     */
    public static final Predicate SUMMARISED = exchange -> {
        GatewayCall call = Calls.find(exchange);
        return call != null && RefusalTally.summarises(call);
    };

    private AuditCalls() {
    }
}
