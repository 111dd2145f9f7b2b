package io.regiongate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.api.ApiOperation;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.config.UpstreamType;
import io.regiongate.dispatch.ResolvedUpstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream URLs and keys come from configuration and the environment, and only for this region. */
class UpstreamResolverTest {

    @ParameterizedTest
    @CsvSource({
            "https://api.example-llm.eu/v1, https://api.example-llm.eu/v1/chat/completions, https://api.example-llm.eu/v1/embeddings",
            "https://api.example-llm.eu/v1/, https://api.example-llm.eu/v1/chat/completions, https://api.example-llm.eu/v1/embeddings",
            "http://127.0.0.1:41234/v1, http://127.0.0.1:41234/v1/chat/completions, http://127.0.0.1:41234/v1/embeddings"})
    void putsEachOperationsPathBelowTheBaseUrlWithOrWithoutTrailingSlash(String baseUrl, String chat, String embeddings) {
        ResolvedUpstream upstream = new ResolvedUpstream(null, UpstreamResolver.apiBaseUrl(baseUrl), null);

        assertThat(upstream.urlFor(ApiOperation.CHAT_COMPLETIONS)).isEqualTo(chat);
        assertThat(upstream.urlFor(ApiOperation.EMBEDDINGS)).isEqualTo(embeddings);
    }

    @Test
    void resolvesOnlyThisRegionsUpstreamsWithTheKeyFromTheirVariable() {
        GatewayConfig config = new GatewayConfig("eu-west-1", null,
                Map.of("eu", List.of("eu-west-1"), "us", List.of("us-east-1")),
                List.of(real("eu-openai", "eu-west-1", "EU_KEY"), real("eu-keyless", "eu-west-1", null),
                        real("us-openai", "us-east-1", "US_KEY")),
                null, null, null, null, null, "test");

        try (UpstreamResolver resolver = new UpstreamResolver(Map.of("EU_KEY", "sk-eu", "US_KEY", "sk-us")::get)) {
            List<ResolvedUpstream> resolved = resolver.resolve(config);

            assertThat(resolved).extracting(ResolvedUpstream::id).containsExactly("eu-openai", "eu-keyless");
            assertThat(resolved.get(0).chatCompletionsUrl()).isEqualTo("https://eu-openai.example/v1/chat/completions");
            assertThat(resolved.get(0).apiKey()).isEqualTo("sk-eu");
            assertThat(resolved.get(1).hasApiKey()).isFalse();
        }
    }

    private static UpstreamConfig real(String id, String region, String keyVariable) {
        return new UpstreamConfig(id, region, UpstreamType.OPENAI, "https://" + id + ".example/v1/", keyVariable,
                List.of("gpt-4o"), null, null, null, null, null, null);
    }
}
