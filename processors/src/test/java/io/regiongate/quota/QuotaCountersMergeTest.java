package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After a split heals, the two versions of a tenant's counters join without losing usage. */
class QuotaCountersMergeTest {

    private static final long T = java.time.Instant.parse("2025-05-20T12:00:10Z").toEpochMilli();
    private final QuotaLimits limits = new QuotaLimits(10, 1_000, 100_000, 0);

    private static long[] admitted(long[] state, QuotaLimits limits, long now, long tokens) {
        return QuotaCounters.admit(state, limits, now, tokens).state();
    }

    @Test
    void sameWindowKeepsTheLargerCount() {
        long[] base = admitted(null, limits, T, 100);
        long[] majority = admitted(admitted(base, limits, T + 200, 300), limits, T + 300, 50);
        long[] minority = admitted(base, limits, T + 100, 200);

        long[] merged = QuotaCounters.merge(minority, majority);

        assertThat(QuotaCounters.used(merged, QuotaWindow.MINUTE, T + 400)).isEqualTo(450);
        assertThat(QuotaCounters.used(merged, QuotaWindow.SECOND, T + 400)).isEqualTo(3);
        assertThat(QuotaCounters.merge(majority, minority)).isEqualTo(merged);
    }

    @Test
    void newerWindowWinsOverAnOlderOne() {
        long[] stale = admitted(null, limits, T, 900);
        long[] current = admitted(stale, limits, T + 60_000, 20);

        long[] merged = QuotaCounters.merge(stale, current);

        assertThat(QuotaCounters.used(merged, QuotaWindow.MINUTE, T + 60_000)).as("the old minute has ended").isEqualTo(20);
        assertThat(QuotaCounters.used(merged, QuotaWindow.DAY, T + 60_000)).isEqualTo(920);
        assertThat(QuotaCounters.merge(current, stale)).isEqualTo(merged);
    }

    @Test
    void anEntryOnOneSideOnlyIsKept() {
        long[] only = admitted(null, limits, T, 42);
        assertThat(QuotaCounters.merge(null, only)).isEqualTo(only);
        assertThat(QuotaCounters.merge(only, null)).isEqualTo(only);
    }
}
