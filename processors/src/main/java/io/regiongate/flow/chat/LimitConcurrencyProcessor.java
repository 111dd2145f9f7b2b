package io.regiongate.flow.chat;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.TenantConfig;
import io.regiongate.flow.Calls;
import io.regiongate.quota.ConcurrentRequests;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Admits a request only while its tenant has fewer than {@code quotas.max-concurrent-requests} in
 * flight in this runtime (429 beyond); the count drops when the exchange ends, however it ends.
 * A tenant without the limit is not counted.
 */
public final class LimitConcurrencyProcessor implements Processor {

    private final ConcurrentRequests concurrent;

    public LimitConcurrencyProcessor(ConcurrentRequests concurrent) {
        this.concurrent = concurrent;
    }

    @Override
    public void process(Exchange exchange) {
        TenantConfig tenant = Calls.of(exchange).tenant();
        Long limit = tenant.quotas().maxConcurrentRequests();
        if (limit == null) {
            return;
        }
        if (!concurrent.tryEnter(tenant.id(), limit)) {
            throw new GatewayException(OpenAiError.tooManyConcurrentRequests(limit));
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                concurrent.leave(tenant.id());
            }
        });
    }
}
