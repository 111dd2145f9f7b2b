package io.regiongate.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A target turns unhealthy after N failed probes in a row and healthy again after M successes in a row. */
class ProbeStateTest {

    @Test
    void turnsUnhealthyOnlyAfterEnoughFailuresInARowAndBackAfterEnoughSuccesses() {
        ProbeState state = new ProbeState(2, 2);
        assertThat(state.healthy()).isTrue();
        assertThat(state.word()).isEqualTo("unprobed");

        assertThat(state.failed()).isFalse();
        assertThat(state.succeeded()).isFalse();
        assertThat(state.failed()).isFalse();
        assertThat(state.healthy()).as("a success broke the run").isTrue();
        assertThat(state.failed()).as("second failure in a row").isTrue();
        assertThat(state.word()).isEqualTo("unhealthy");

        assertThat(state.succeeded()).isFalse();
        assertThat(state.healthy()).isFalse();
        assertThat(state.succeeded()).isTrue();
        assertThat(state.word()).isEqualTo("healthy");
    }

    @Test
    void anUnprobedTargetIsHealthy() {
        assertThat(new TargetProbes(1, 1).healthy("never-probed")).isTrue();
        assertThat(TargetProbes.none().healthy("anything")).isTrue();
    }
}
