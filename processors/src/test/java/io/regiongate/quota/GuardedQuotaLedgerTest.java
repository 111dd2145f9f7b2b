package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.api.GatewayException;
import org.junit.jupiter.api.Test;

/** When the region's counters are unreachable, the configured policy decides. */
class GuardedQuotaLedgerTest {

    private final MutableClock clock = MutableClock.at("2025-05-20T12:00:10Z");
    private final QuotaLimits twoPerSecond = new QuotaLimits(2, 0, 0, 0);

    private static final QuotaLedger UNREACHABLE = new QuotaLedger() {
        @Override
        public QuotaDecision admit(String tenant, QuotaLimits limits, long estimatedTokens) {
            throw new QuotaStoreUnavailableException("cluster gone", null);
        }

        @Override
        public void settle(QuotaReservation reservation, long actualTokens) {
            throw new AssertionError("a local reservation must be settled locally");
        }

        @Override
        public QuotaUsage usage(String tenant, QuotaLimits limits) {
            throw new QuotaStoreUnavailableException("cluster gone", null);
        }
    };

    @Test
    void failClosedRefusesWith503() {
        QuotaLedger ledger = new GuardedQuotaLedger(UNREACHABLE, new InMemoryQuotaLedger(clock), false);

        assertThatThrownBy(() -> ledger.admit("acme", twoPerSecond, 1))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(503);
                    assertThat(e.error().code()).isEqualTo("quota_unavailable");
                });
    }

    @Test
    void failOpenAdmitsWithinTheLocalLimitAndSettlesLocally() {
        QuotaLedger local = new InMemoryQuotaLedger(clock);
        QuotaLedger ledger = new GuardedQuotaLedger(UNREACHABLE, local, true);

        QuotaDecision first = ledger.admit("acme", twoPerSecond, 1);
        assertThat(first.admitted()).isTrue();
        assertThat(first.reservation().local()).isTrue();
        assertThat(ledger.admit("acme", twoPerSecond, 1).admitted()).isTrue();
        assertThat(ledger.admit("acme", twoPerSecond, 1).admitted()).as("the local limit still holds").isFalse();

        ledger.settle(first.reservation(), 5);
        assertThat(local.usage("acme", twoPerSecond).used(QuotaWindow.SECOND)).isEqualTo(2);
    }
}
