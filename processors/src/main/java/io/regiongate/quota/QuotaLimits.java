package io.regiongate.quota;

import io.regiongate.config.QuotaConfig;
import java.io.Serializable;

/**
 * One tenant's limits in this region, per {@link QuotaWindow}; 0 means no limit. Serializable: it
 * travels with a counter update to the member that owns the tenant's counters.
 */
public record QuotaLimits(long requestsPerSecond, long tokensPerMinute, long tokensPerDay, long tokensPerMonth)
        implements Serializable {

    public static QuotaLimits of(QuotaConfig config) {
        return new QuotaLimits(orZero(config.requestsPerSecond()), orZero(config.tokensPerMinute()),
                orZero(config.tokensPerDay()), orZero(config.tokensPerMonth()));
    }

    public static QuotaLimits none() {
        return new QuotaLimits(0, 0, 0, 0);
    }

    /** The limit in a window; 0 when there is none. */
    public long limit(QuotaWindow window) {
        return switch (window) {
            case SECOND -> requestsPerSecond;
            case MINUTE -> tokensPerMinute;
            case DAY -> tokensPerDay;
            case MONTH -> tokensPerMonth;
        };
    }

    public boolean limits(QuotaWindow window) {
        return limit(window) > 0;
    }

    public boolean isEmpty() {
        return requestsPerSecond == 0 && tokensPerMinute == 0 && tokensPerDay == 0 && tokensPerMonth == 0;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
