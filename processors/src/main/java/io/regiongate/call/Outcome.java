package io.regiongate.call;

import io.regiongate.api.OpenAiError;

/**
 * How a request was answered.
 *
 * @param status       the HTTP status the client got
 * @param error        the error the client got: the gateway's own, one a target found in the
 *                     request and that was passed on, or the error event that ended a stream;
 *                     null otherwise
 * @param streamEnding how a relayed stream ended; null when the answer was not a stream
 */
public record Outcome(int status, OpenAiError error, StreamEnding streamEnding) {

    public static Outcome answered(int status) {
        return new Outcome(status, null, null);
    }

    public static Outcome failed(OpenAiError error) {
        return new Outcome(error.status(), error, null);
    }

    /** @param error the error event that ended the stream, or null */
    public static Outcome streamed(StreamEnding ending, OpenAiError error) {
        return new Outcome(200, error, ending);
    }

    public boolean streamed() {
        return streamEnding != null;
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
