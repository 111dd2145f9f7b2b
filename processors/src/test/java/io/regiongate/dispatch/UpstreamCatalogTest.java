package io.regiongate.dispatch;

import static io.regiongate.dispatch.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.UpstreamConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant sees only this region's upstreams, and of those only the ones its configuration allows. */
class UpstreamCatalogTest {

    private static final UpstreamConfig EU_OPENAI = upstream("eu-openai", "eu-west-1", 1, 100, "gpt-4o", "gpt-4o-mini");
    private static final UpstreamConfig EU_MISTRAL = upstream("eu-mistral", "eu-west-1", 1, 100, "mistral-large", "gpt-4o");
    private static final UpstreamConfig EU_CENTRAL = upstream("eu-central", "eu-central-1", 1, 100, "o3");
    private static final UpstreamConfig US_OPENAI = upstream("us-openai", "us-east-1", 1, 100, "gpt-4.1");

    private static final GatewayConfig EU_WEST_1 = new GatewayConfig("eu-west-1", null,
            Map.of("eu", List.of("eu-west-1", "eu-central-1"), "us", List.of("us-east-1")),
            List.of(EU_OPENAI, EU_MISTRAL, EU_CENTRAL, US_OPENAI), null, null, null, null, null, "test");

    private static final TenantConfig UNRESTRICTED = tenant("acme");
    private static final TenantConfig OPENAI_ONLY = tenant("initech", "eu-openai", "us-openai");

    private final UpstreamCatalog catalog = new UpstreamCatalog(EU_WEST_1);

    private static TenantConfig tenant(String id, String... upstreams) {
        return new TenantConfig(id, "0".repeat(64), "eu", CrossBorder.NEVER, null, null, List.of(upstreams));
    }

    @Test
    void listsModelsOfThisRegionsUpstreamsOnlySortedWithoutDuplicates() {
        assertThat(catalog.modelsFor(UNRESTRICTED)).containsExactly("gpt-4o", "gpt-4o-mini", "mistral-large");
    }

    @Test
    void listsOnlyModelsOfTheUpstreamsTheTenantMayUse() {
        assertThat(catalog.modelsFor(OPENAI_ONLY)).containsExactly("gpt-4o", "gpt-4o-mini");
    }
}
