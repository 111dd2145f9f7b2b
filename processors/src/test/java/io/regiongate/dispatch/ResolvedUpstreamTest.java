package io.regiongate.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An upstream's secret key never shows in logs of the resolved upstream. */
class ResolvedUpstreamTest {

    @Test
    void leavesTheApiKeyOutOfItsTextForm() {
        ResolvedUpstream upstream = new ResolvedUpstream(Upstreams.upstream("eu-openai", 1, 100),
                "https://eu-openai.example/v1", "sk-live-secret-123");

        assertThat(upstream.toString()).contains("eu-openai", "https://eu-openai.example/v1")
                .doesNotContain("sk-live-secret-123");
        assertThat(upstream.hasApiKey()).isTrue();
    }

    @Test
    void hasNoApiKeyWhenNoneOrEmptyIsConfigured() {
        assertThat(new ResolvedUpstream(Upstreams.upstream("sim", 1, 1), "http://127.0.0.1:1/v1", null)
                .hasApiKey()).isFalse();
        assertThat(new ResolvedUpstream(Upstreams.upstream("sim", 1, 1), "http://127.0.0.1:1/v1", "")
                .hasApiKey()).isFalse();
    }
}
