package io.regiongate.hazelcast;

import io.regiongate.quota.QuotaCounters;
import io.regiongate.quota.QuotaWindow;
import java.util.Arrays;

/**
 * What an admission answers, as one {@code long[]} (cheap to send back): the ordinal of the
 * refusing window or -1, the owner's instant, then the tenant's counters after the call.
 */
record AdmitResult(QuotaWindow rejectedBy, long ownerNow, long[] counters) {

    private static final int HEADER = 2;

    static long[] encode(QuotaWindow rejectedBy, long ownerNow, long[] counters) {
        long[] result = new long[HEADER + QuotaCounters.SIZE];
        result[0] = rejectedBy == null ? -1 : rejectedBy.ordinal();
        result[1] = ownerNow;
        if (counters != null) {
            System.arraycopy(counters, 0, result, HEADER, QuotaCounters.SIZE);
        }
        return result;
    }

    static AdmitResult decode(long[] result) {
        QuotaWindow refused = result[0] < 0 ? null : QuotaWindow.values()[(int) result[0]];
        return new AdmitResult(refused, result[1], Arrays.copyOfRange(result, HEADER, HEADER + QuotaCounters.SIZE));
    }

    boolean admitted() {
        return rejectedBy == null;
    }
}
