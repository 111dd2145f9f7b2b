package io.regiongate.tls;

/**
 * A certificate, key or trust file that cannot be used, named by the configuration key it came from
 * (relative to the TLS section, e.g. {@code keystore-password-env}), so that start is refused with
 * the key an operator must fix.
 */
public final class TlsMaterialException extends Exception {

    private final String key;

    public TlsMaterialException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    public TlsMaterialException(String key, String message) {
        this(key, message, null);
    }

    /** The key within the TLS section, e.g. {@code trust}. */
    public String key() {
        return key;
    }
}
