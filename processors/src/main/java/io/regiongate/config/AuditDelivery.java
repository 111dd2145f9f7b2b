package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a tenant's answer waits for its audit record. */
public enum AuditDelivery {
    /** the answer does not wait; the record follows */
    @JsonProperty("async") ASYNC,
    /** the answer waits until the record is acknowledged by Kafka or forced to the spool */
    @JsonProperty("sync") SYNC
}
