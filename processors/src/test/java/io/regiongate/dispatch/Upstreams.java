package io.regiongate.dispatch;

import io.regiongate.config.UpstreamConfig;
import io.regiongate.config.UpstreamType;
import java.util.List;

/** Upstream configs for tests, with only what a decision looks at. */
final class Upstreams {

    private Upstreams() {
    }

    static UpstreamConfig upstream(String id, int priority, int weight) {
        return upstream(id, "eu-west-1", priority, weight, "gpt-4o");
    }

    static UpstreamConfig upstream(String id, String region, int priority, int weight, String... models) {
        return new UpstreamConfig(id, region, UpstreamType.OPENAI, "https://" + id + ".example/v1", null,
                List.of(models), priority, weight, null, null, null, null);
    }
}
