package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Per-tenant limits in this region; an absent value means no limit. */
public record QuotaConfig(
        @JsonProperty("requests-per-second") Long requestsPerSecond,
        @JsonProperty("tokens-per-minute") Long tokensPerMinute,
        @JsonProperty("tokens-per-day") Long tokensPerDay,
        @JsonProperty("tokens-per-month") Long tokensPerMonth) {

    public static QuotaConfig unlimited() {
        return new QuotaConfig(null, null, null, null);
    }
}
