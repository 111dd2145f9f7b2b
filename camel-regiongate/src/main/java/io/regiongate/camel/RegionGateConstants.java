package io.regiongate.camel;

import org.apache.camel.spi.Metadata;

/**
 * The message headers of the {@code regiongate:} component, declared as Camel components declare
 * theirs ({@link Metadata}), so that the component's metadata documents them. The request's
 * headers are read from the host's message and never travel further: the key is removed once the
 * call is made.
 */
public final class RegionGateConstants {

    @Metadata(label = "producer", required = true, javaType = "String",
            description = "The tenant's API key, as its clients send it after `Authorization: Bearer`"
                    + " (a leading `Bearer ` is accepted). Checked like an HTTP request's key; removed from the"
                    + " message once the call is made.")
    public static final String API_KEY = "CamelRegionGateApiKey";

    @Metadata(label = "producer", javaType = "String",
            description = "Narrows where the request may run to one zone, as `X-RegionGate-Residency` does; it"
                    + " never widens the tenant's policy.")
    public static final String RESIDENCY = "CamelRegionGateResidency";

    @Metadata(label = "producer", javaType = "String",
            description = "Records cross-border consent for tenants whose policy is `with-consent`, as"
                    + " `X-RegionGate-Consent` does.")
    public static final String CONSENT = "CamelRegionGateConsent";

    @Metadata(label = "producer", javaType = "String",
            description = "Out: the request's id, as in `X-Request-Id` and the region's audit record.")
    public static final String REQUEST_ID = "CamelRegionGateRequestId";

    @Metadata(label = "producer", javaType = "String", description = "Out: the region that served the request.")
    public static final String REGION = "CamelRegionGateRegion";

    @Metadata(label = "producer", javaType = "String", description = "Out: the upstream that served the request.")
    public static final String UPSTREAM = "CamelRegionGateUpstream";

    @Metadata(label = "producer", javaType = "String",
            description = "Out: the failover hops taken, when any, as `X-RegionGate-Failover`.")
    public static final String FAILOVER = "CamelRegionGateFailover";

    private RegionGateConstants() {
    }
}
