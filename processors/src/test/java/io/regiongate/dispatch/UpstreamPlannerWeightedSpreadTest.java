package io.regiongate.dispatch;

import static io.regiongate.dispatch.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.regiongate.config.UpstreamConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Among equal priorities each upstream leads in proportion to its weight. Statistics over many
 * plans with a seeded random, with a generous tolerance: about 30 standard deviations.
 */
class UpstreamPlannerWeightedSpreadTest {

    private static final int PLANS = 20_000;

    private static Map<String, Double> leadShares(List<UpstreamConfig> candidates, long seed) {
        UpstreamPlanner planner = new UpstreamPlanner(new SplittableRandom(seed));
        Map<String, Integer> leads = new HashMap<>();
        for (int i = 0; i < PLANS; i++) {
            leads.merge(planner.plan(candidates).get(0).id(), 1, Integer::sum);
        }
        Map<String, Double> shares = new HashMap<>();
        leads.forEach((id, count) -> shares.put(id, count / (double) PLANS));
        return shares;
    }

    @Test
    void leadsInProportionToWeight() {
        List<UpstreamConfig> candidates = List.of(upstream("eu-a", 1, 300), upstream("eu-b", 1, 100));

        Map<String, Double> shares = leadShares(candidates, 42);

        assertThat(shares.get("eu-a")).isCloseTo(0.75, within(0.05));
        assertThat(shares.get("eu-b")).isCloseTo(0.25, within(0.05));
    }

    @Test
    void spreadsEvenlyOverEqualWeights() {
        List<UpstreamConfig> candidates = List.of(upstream("a", 1, 100), upstream("b", 1, 100), upstream("c", 1, 100));

        Map<String, Double> shares = leadShares(candidates, 4711);

        assertThat(shares).containsOnlyKeys("a", "b", "c");
        assertThat(shares.values()).allSatisfy(share -> assertThat(share).isCloseTo(1 / 3.0, within(0.05)));
    }

    @Test
    void lightUpstreamStillLeadsSometimes() {
        List<UpstreamConfig> candidates = List.of(upstream("heavy", 1, 990), upstream("light", 1, 10));

        Map<String, Double> shares = leadShares(candidates, 7);

        assertThat(shares.get("light")).isCloseTo(0.01, within(0.008));
    }

    @Test
    void weightsOfAHigherPriorityDoNotTakeTheLead() {
        List<UpstreamConfig> candidates = List.of(
                upstream("p1-a", 1, 1), upstream("p1-b", 1, 3), upstream("p2-huge", 2, 1_000_000));

        Map<String, Double> shares = leadShares(candidates, 99);

        assertThat(shares).doesNotContainKey("p2-huge");
        assertThat(shares.get("p1-b")).isCloseTo(0.75, within(0.05));
    }

    @Test
    void putsTheOtherEqualPriorityUpstreamSecondForFailover() {
        UpstreamPlanner planner = new UpstreamPlanner(new SplittableRandom(3));
        UpstreamConfig a = upstream("eu-a", 1, 300);
        UpstreamConfig b = upstream("eu-b", 1, 100);

        for (int i = 0; i < 1000; i++) {
            List<UpstreamConfig> plan = planner.plan(List.of(a, b));
            assertThat(plan.get(1)).isEqualTo(plan.get(0) == a ? b : a);
        }
    }
}
