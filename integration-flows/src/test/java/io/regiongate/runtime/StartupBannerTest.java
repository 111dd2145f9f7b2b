package io.regiongate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.config.ConfigException;
import io.regiongate.config.ConfigLoader;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.ListenConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Once up, the runtime prints where it serves and a curl that works against this very region. */
class StartupBannerTest {

    private static GatewayConfig embedded(String region) throws ConfigException {
        return RegionGateMain.sourceOf(new CommandLine(null, region, false)).load(new ConfigLoader(Map.<String, String>of()::get));
    }

    private static List<ResolvedUpstream> resolved(GatewayConfig config) {
        return config.localUpstreams().stream()
                .map(upstream -> new ResolvedUpstream(upstream, "http://127.0.0.1:40001/v1", null))
                .toList();
    }

    private static String curlLine(String banner) {
        return banner.lines().filter(line -> line.contains("curl ")).findFirst().orElseThrow();
    }

    @Test
    void curlUsesTheDemoKeyOfATenantWhoseHomeZoneContainsThisRegion() throws ConfigException {
        GatewayConfig eu = embedded("eu-west-1");
        GatewayConfig us = embedded("us-east-1");

        assertThat(curlLine(StartupBanner.render(eu, resolved(eu), EmbeddedDefault.DEMO_KEYS)))
                .contains("Authorization: Bearer rg-demo-acme-eu'").doesNotContain("rg-demo-globex-us");
        assertThat(curlLine(StartupBanner.render(us, resolved(us), EmbeddedDefault.DEMO_KEYS)))
                .contains("Authorization: Bearer rg-demo-globex-us'").doesNotContain("rg-demo-acme-eu");
    }

    @Test
    void curlAsksForTheOperatorsKeyWhenThereAreNoDemoKeys() throws ConfigException {
        GatewayConfig eu = embedded("eu-west-1");

        assertThat(curlLine(StartupBanner.render(eu, resolved(eu), Map.of())))
                .contains("Authorization: Bearer $REGIONGATE_API_KEY'");
    }

    @Test
    void curlCallsThisRuntimesAddressWithAModelServedHere() throws ConfigException {
        GatewayConfig eu = embedded("eu-west-1");

        String curl = curlLine(StartupBanner.render(eu, resolved(eu), EmbeddedDefault.DEMO_KEYS));

        assertThat(curl).contains("curl -s http://127.0.0.1:8080/v1/chat/completions")
                .contains("\"model\":\"gpt-4o\"")
                .contains("-H 'Content-Type: application/json'");
    }

    @Test
    void showsLoopbackInsteadOfTheWildcardAddress() throws ConfigException {
        GatewayConfig eu = embedded("eu-west-1");
        GatewayConfig wildcard = new GatewayConfig(eu.region(), new ListenConfig("0.0.0.0", 9000, null, null, null),
                eu.zones(), eu.upstreams(), eu.peers(), eu.circuitBreakers(), eu.tenants(), eu.hazelcast(), eu.audit(),
                eu.source());

        String banner = StartupBanner.render(wildcard, resolved(wildcard), EmbeddedDefault.DEMO_KEYS);

        assertThat(banner).contains("http://127.0.0.1:9000/v1").doesNotContain("0.0.0.0");
    }

    @Test
    void namesRegionZoneSourceAndUpstreams() throws ConfigException {
        GatewayConfig eu = embedded("eu-west-1");

        String banner = StartupBanner.render(eu, resolved(eu), EmbeddedDefault.DEMO_KEYS);

        assertThat(banner.lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .startsWith("RegionGate eu-west-1 (zone eu) serving the OpenAI API on http://127.0.0.1:8080/v1"));
        assertThat(banner).contains("configuration: classpath:regiongate-embedded.yaml")
                .contains("upstreams here: eu-west-1-sim [gpt-4o, gpt-4o-mini]");
    }
}
