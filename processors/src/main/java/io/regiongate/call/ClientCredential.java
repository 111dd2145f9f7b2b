package io.regiongate.call;

/**
 * The client's {@code Authorization} value, kept only to forward a request to a peer runtime
 * (which authenticates the tenant itself). Never sent to an upstream vendor; never printed.
 */
public record ClientCredential(String authorization) {

    @Override
    public String toString() {
        return "ClientCredential[***]";
    }
}
