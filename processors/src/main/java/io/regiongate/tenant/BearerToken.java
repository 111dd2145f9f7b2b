package io.regiongate.tenant;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header, for tenant keys and the admin token alike. */
public final class BearerToken {

    private static final String BEARER = "bearer ";

    private BearerToken() {
    }

    /** The token; empty when the header is missing, blank, or not a bearer credential. */
    public static Optional<String> of(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Optional.empty();
        }
        String trimmed = authorizationHeader.trim();
        if (trimmed.length() <= BEARER.length() || !trimmed.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = trimmed.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
