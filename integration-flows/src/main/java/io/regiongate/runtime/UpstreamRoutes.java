package io.regiongate.runtime;

import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.UpstreamCallTemplate;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/** One call route per local upstream, each made from {@link UpstreamCallTemplate}. */
final class UpstreamRoutes extends RouteBuilder {

    private final List<ResolvedUpstream> upstreams;

    UpstreamRoutes(List<ResolvedUpstream> upstreams) {
        this.upstreams = upstreams;
    }

    static String routeId(String upstreamId) {
        return "upstream-" + upstreamId;
    }

    @Override
    public void configure() {
        for (ResolvedUpstream upstream : upstreams) {
            templatedRoute(Endpoints.UPSTREAM_CALL_TEMPLATE)
                    .routeId(routeId(upstream.id()))
                    .prefixId(upstream.id() + "-")
                    .parameter(UpstreamCallTemplate.UPSTREAM_ID, upstream.id())
                    .parameter(UpstreamCallTemplate.URL, upstream.chatCompletionsUrl())
                    .parameter(UpstreamCallTemplate.CONNECT_TIMEOUT_MILLIS,
                            String.valueOf(upstream.config().connectTimeout().toMillis()))
                    .parameter(UpstreamCallTemplate.RESPONSE_TIMEOUT_MILLIS,
                            String.valueOf(upstream.config().responseTimeout().toMillis()));
        }
    }
}
