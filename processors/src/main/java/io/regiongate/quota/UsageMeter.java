package io.regiongate.quota;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what one request really cost, for settlement: the upstream's {@code usage} block when
 * it sends one (a whole answer, or a stream's usage chunk), else the prompt estimate plus the
 * completion tokens counted from what the upstream produced (a stream without a usage chunk, or one
 * the client left early: it is charged for what was generated up to then). A request that never got
 * an answer costs nothing.
 *
 * <p>The tokenizer runs only when it is needed: generated text waits, up to
 * {@value #COUNT_BATCH_CHARS} characters, and is counted when that batch is full or when the charge
 * is asked for without the upstream having reported usage. A stream that ends with a usage chunk
 * (RegionGate always asks for one) is never tokenized; memory per stream stays bounded.
 */
public final class UsageMeter {

    /** Generated text held for the tokenizer at most (characters, per request). */
    static final int COUNT_BATCH_CHARS = 16_384;

    private final TokenEstimator estimator;
    private final long promptEstimate;
    private final AtomicLong reportedTotal = new AtomicLong(-1);
    private final AtomicLong countedCompletion = new AtomicLong();
    private final StringBuilder uncounted = new StringBuilder();
    private volatile boolean answered;

    public UsageMeter(TokenEstimator estimator, long promptEstimate) {
        this.estimator = estimator;
        this.promptEstimate = promptEstimate;
    }

    /** The upstream answered: from now on, the prompt is charged even if nothing else is known. */
    public void answered() {
        answered = true;
    }

    /**
     * A whole JSON answer or one stream chunk from the upstream, already parsed: its usage block
     * when it has one, else the text it generated.
     */
    public void observe(JsonNode answerOrChunk) {
        answered = true;
        JsonNode total = answerOrChunk.path("usage").path("total_tokens");
        if (!total.canConvertToLong()) {
            // a Responses stream reports usage in its last event, around the whole response
            total = answerOrChunk.path("response").path("usage").path("total_tokens");
        }
        if (total.canConvertToLong() && total.asLong() >= 0) {
            reportedTotal.set(total.asLong());
            return;
        }
        if ("response.output_text.delta".equals(answerOrChunk.path("type").asText())) {
            generated(answerOrChunk.path("delta").asText(""));
            return;
        }
        for (JsonNode choice : answerOrChunk.path("choices")) {
            JsonNode part = choice.has("delta") ? choice.get("delta") : choice.path("message");
            generated(part.path("content").asText(""));
            if (part.has("tool_calls")) {
                for (JsonNode call : part.get("tool_calls")) {
                    generated(call.path("function").path("arguments").asText(""));
                }
            }
        }
    }

    /** Keeps generated text for counting; counts a full batch at once. */
    private synchronized void generated(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (uncounted.length() + text.length() > COUNT_BATCH_CHARS) {
            countUncounted();
        }
        if (text.length() > COUNT_BATCH_CHARS) {
            countedCompletion.addAndGet(estimator.count(text));
        } else {
            uncounted.append(text);
        }
    }

    private synchronized void countUncounted() {
        if (uncounted.length() > 0) {
            countedCompletion.addAndGet(estimator.count(uncounted.toString()));
            uncounted.setLength(0);
        }
    }

    /** True when the upstream's own usage block was seen. */
    public boolean reported() {
        return reportedTotal.get() >= 0;
    }

    /** The tokens to charge. */
    public long charged() {
        long reported = reportedTotal.get();
        if (reported >= 0) {
            return reported;
        }
        countUncounted();
        return answered ? promptEstimate + countedCompletion.get() : 0;
    }
}
