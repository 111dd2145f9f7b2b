package io.regiongate.dispatch;

import io.regiongate.config.UpstreamConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Orders candidate upstreams for one request: lower priority first; among equal priorities a
 * weighted random order, so that each upstream leads in proportion to its weight. The first is
 * called; the rest are the failover order.
 */
public final class UpstreamPlanner {

    private final RandomGenerator random;

    public UpstreamPlanner(RandomGenerator random) {
        this.random = random;
    }

    public List<UpstreamConfig> plan(List<UpstreamConfig> candidates) {
        Map<Integer, List<UpstreamConfig>> byPriority = new TreeMap<>();
        for (UpstreamConfig upstream : candidates) {
            byPriority.computeIfAbsent(upstream.priority(), priority -> new ArrayList<>()).add(upstream);
        }
        List<UpstreamConfig> order = new ArrayList<>(candidates.size());
        byPriority.values().forEach(group -> order.addAll(weightedOrder(group)));
        return List.copyOf(order);
    }

    private List<UpstreamConfig> weightedOrder(List<UpstreamConfig> group) {
        List<UpstreamConfig> remaining = new ArrayList<>(group);
        remaining.sort(Comparator.comparing(UpstreamConfig::id));
        List<UpstreamConfig> order = new ArrayList<>(group.size());
        while (!remaining.isEmpty()) {
            long total = remaining.stream().mapToLong(UpstreamConfig::weight).sum();
            long pick = random.nextLong(total);
            for (int i = 0; i < remaining.size(); i++) {
                pick -= remaining.get(i).weight();
                if (pick < 0) {
                    order.add(remaining.remove(i));
                    break;
                }
            }
        }
        return order;
    }
}
