package io.regiongate.api;

/** Ends a request with an error the client is told about in the OpenAI error shape. */
public class GatewayException extends RuntimeException {

    private final transient OpenAiError error;

    public GatewayException(OpenAiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public OpenAiError error() {
        return error;
    }
}
