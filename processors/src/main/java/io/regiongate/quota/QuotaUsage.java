package io.regiongate.quota;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A tenant's counters in this region at one instant, one entry per limited window. */
public record QuotaUsage(String tenant, Instant at, List<WindowUsage> windows) {

    /** One window: its limit, what was used, what remains and when it resets. */
    public record WindowUsage(QuotaWindow window, long limit, long used, long remaining, Instant resetsAt) {
    }

    public static QuotaUsage of(String tenant, QuotaLimits limits, long[] state, long nowMillis) {
        List<WindowUsage> windows = new ArrayList<>();
        for (QuotaWindow window : QuotaWindow.values()) {
            if (!limits.limits(window)) {
                continue;
            }
            long used = QuotaCounters.used(state, window, nowMillis);
            long limit = limits.limit(window);
            windows.add(new WindowUsage(window, limit, used, Math.max(0, limit - used),
                    Instant.ofEpochMilli(window.end(window.start(nowMillis)))));
        }
        return new QuotaUsage(tenant, Instant.ofEpochMilli(nowMillis), List.copyOf(windows));
    }

    public long used(QuotaWindow window) {
        return windows.stream().filter(usage -> usage.window() == window).mapToLong(WindowUsage::used).findFirst().orElse(0);
    }
}
