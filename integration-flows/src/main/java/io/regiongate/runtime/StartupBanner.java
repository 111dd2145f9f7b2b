package io.regiongate.runtime;

import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the runtime prints once it serves: where, with which upstreams, and a curl that works. */
final class StartupBanner {

    private StartupBanner() {
    }

    static String render(GatewayConfig config, List<ResolvedUpstream> upstreams, Map<String, String> demoKeys) {
        String host = "0.0.0.0".equals(config.listen().host()) ? "127.0.0.1" : config.listen().host();
        String base = (config.listen().tls() == null ? "http://" : "https://") + host + ":" + config.listen().port();
        String upstreamList = upstreams.stream()
                .map(upstream -> upstream.id() + " " + upstream.config().models())
                .collect(Collectors.joining(", "));
        String model = upstreams.isEmpty() ? "gpt-4o-mini" : upstreams.get(0).config().models().get(0);
        String key = demoKeyServableHere(config, demoKeys);
        return "RegionGate " + config.region() + " (zone " + config.zoneOf(config.region()).orElse("?")
                + ") serving the OpenAI API on " + base + "/v1\n"
                + "  configuration: " + config.source() + "\n"
                + "  upstreams here: " + (upstreamList.isEmpty() ? "(none)" : upstreamList) + "\n"
                + "Try it:\n"
                + "  curl -s " + base + "/v1/chat/completions -H 'Authorization: Bearer " + key + "'"
                + " -H 'Content-Type: application/json'"
                + " -d '{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'\n"
                + "  (add \"stream\":true to the JSON and -N to curl to watch tokens arrive one by one)";
    }

    /** A demo key whose tenant this region serves; otherwise a placeholder for the operator's own. */
    private static String demoKeyServableHere(GatewayConfig config, Map<String, String> demoKeys) {
        String zone = config.zoneOf(config.region()).orElse("");
        return config.tenants().stream()
                .filter(tenant -> demoKeys.containsKey(tenant.id()))
                .filter(tenant -> tenant.homeZone().equals(zone))
                .map(TenantConfig::id)
                .map(demoKeys::get)
                .findFirst()
                .orElse("$REGIONGATE_API_KEY");
    }
}
