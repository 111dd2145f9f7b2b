package io.regiongate.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.quota.UsageMeter;
import java.io.IOException;

/**
 * Reads what a target answered once, whole answer or stream event by event, and shows it to both
 * parties that need it: the quota {@link UsageMeter} (what to charge) and the audit
 * {@link CompletionTally} (usage and the completion's hash). The meter is there only when this
 * region admitted the request against the tenant's quota (a request pinned to a peer is counted
 * by the peer).
 *
 * <p>Stream events are shown on the client connection's event loop; the request's own thread reads
 * the results only after the stream has ended.
 */
public final class AnswerObserver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompletionTally tally = new CompletionTally();
    private volatile UsageMeter meter;

    /** From now on the meter measures what the answer costs. */
    public void meterWith(UsageMeter usageMeter) {
        this.meter = usageMeter;
    }

    /** The target's answer began: from now on the prompt is charged even if nothing else is known. */
    public void answerBegan() {
        UsageMeter current = meter;
        if (current != null) {
            current.answered();
        }
    }

    /** A whole answer's bytes, parsed here once; a body that is not JSON shows no text and no usage. */
    public void observeWholeAnswer(byte[] body) {
        answerBegan();
        JsonNode answer = parse(body);
        if (answer == null) {
            return;
        }
        tally.acceptAnswer(answer);
        UsageMeter current = meter;
        if (current != null) {
            current.observe(answer);
        }
    }

    /** One stream event's data, already parsed; null (not JSON, or {@code [DONE]}) is ignored. */
    public void observeChunk(JsonNode chunk) {
        if (chunk == null) {
            return;
        }
        tally.acceptChunk(chunk);
        UsageMeter current = meter;
        if (current != null) {
            current.observe(chunk);
        }
    }

    public CompletionTally tally() {
        return tally;
    }

    /** The meter, or null when this region does not charge the request. */
    public UsageMeter meter() {
        return meter;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
