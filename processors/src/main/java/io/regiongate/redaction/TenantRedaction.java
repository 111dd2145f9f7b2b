package io.regiongate.redaction;

/**
 * What redaction one request gets: the profile, whether the prompt and the answer are redacted,
 * and whether placeholders in the answer go back to the values before the client sees them.
 */
public record TenantRedaction(RedactionProfile profile, boolean prompt, boolean completion, boolean restore) {

    /** Whether the answer's text must pass through the redactor (for the client, or to restore). */
    public boolean touchesAnswer() {
        return completion || restore;
    }
}
