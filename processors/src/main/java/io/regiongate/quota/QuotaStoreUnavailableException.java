package io.regiongate.quota;

/** The shared counters could not be reached (or did not answer in time). */
public class QuotaStoreUnavailableException extends RuntimeException {

    public QuotaStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
