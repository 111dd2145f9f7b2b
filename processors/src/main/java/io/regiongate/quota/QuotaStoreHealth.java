package io.regiongate.quota;

/** What {@code /health/ready} says about the store of the quota counters. */
public interface QuotaStoreHealth {

    /** {@code embedded} or {@code client}. */
    String mode();

    /** {@code up} when counters can be updated, else {@code down}. */
    String state();

    /** Members of the region's cluster this runtime sees; 0 when disconnected. */
    int members();

    String clusterName();
}
