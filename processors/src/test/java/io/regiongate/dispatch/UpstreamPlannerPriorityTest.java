package io.regiongate.dispatch;

import static io.regiongate.dispatch.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.config.UpstreamConfig;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A lower priority is always tried first; higher priorities are the failover order. */
class UpstreamPlannerPriorityTest {

    private static final UpstreamConfig PRIMARY = upstream("eu-primary", 1, 1);
    private static final UpstreamConfig SECONDARY = upstream("eu-secondary", 2, 1000);
    private static final UpstreamConfig LAST_RESORT = upstream("eu-sim", 7, 100);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void triesLowerPriorityFirstWhateverTheWeights(long seed) {
        UpstreamPlanner planner = new UpstreamPlanner(new SplittableRandom(seed));

        assertThat(planner.plan(List.of(LAST_RESORT, SECONDARY, PRIMARY)))
                .containsExactly(PRIMARY, SECONDARY, LAST_RESORT);
    }

    @Test
    void plansEveryCandidateExactlyOnce() {
        UpstreamConfig a = upstream("a", 1, 10);
        UpstreamConfig b = upstream("b", 1, 20);
        UpstreamConfig c = upstream("c", 2, 30);
        UpstreamConfig d = upstream("d", 2, 40);
        UpstreamPlanner planner = new UpstreamPlanner(new SplittableRandom(7));

        for (int i = 0; i < 100; i++) {
            List<UpstreamConfig> plan = planner.plan(List.of(d, c, b, a));
            assertThat(plan).containsExactlyInAnyOrder(a, b, c, d);
            assertThat(plan.subList(0, 2)).containsExactlyInAnyOrder(a, b);
        }
    }

    @Test
    void plansNothingForNoCandidates() {
        assertThat(new UpstreamPlanner(new SplittableRandom(1)).plan(List.of())).isEmpty();
    }
}
