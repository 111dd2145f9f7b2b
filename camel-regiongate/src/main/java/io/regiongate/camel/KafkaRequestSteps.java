package io.regiongate.camel;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The steps of the Kafka request/reply entry ({@code KafkaRequestReplyRoute}). The contract, on
 * this region's Kafka:
 * <ul>
 *   <li>request record: value an OpenAI chat request (JSON, not streamed); header
 *       {@value #API_KEY} the tenant's key (checked like an HTTP request's); header
 *       {@value #CORRELATION_ID} echoed on the reply; optional header {@value #REPLY_TO}, a reply
 *       topic that must start with the configured reply topic; the record key is the reply's key;</li>
 *   <li>reply record: value the chat completion JSON or the error in OpenAI's shape; headers
 *       {@value #CORRELATION_ID}, {@value #STATUS} (the HTTP status the answer would have had) and,
 *       when the request got one, {@value #REQUEST_ID} (its audit record's id). Nothing else of the
 *       request's headers, the key least of all.</li>
 * </ul>
 * A correlation id answered already by this runtime is not served again: its repeat is answered
 * 409 {@code duplicate_request} with header {@value #REPEAT}. Redelivery after a crash between
 * reply and commit is answered again (the ids answered are kept in memory only).
 */
public final class KafkaRequestSteps {

    public static final String API_KEY = "regiongate-api-key";
    public static final String CORRELATION_ID = "regiongate-correlation-id";
    public static final String REPLY_TO = "regiongate-reply-to";
    public static final String REQUEST_ID = "regiongate-request-id";
    public static final String STATUS = "regiongate-status";
    public static final String REPEAT = "regiongate-repeat";
    /** Correlation ids remembered, at most. */
    static final int REMEMBERED = 100_000;

    private static final String REPLY = "regiongateKafkaReplyTo";
    private static final String CORRELATION = "regiongateKafkaCorrelationId";
    private static final String COMMIT = "regiongateKafkaCommit";

    private final String replyTopic;
    private final Set<String> answered = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    /** @param replyTopic the configured reply topic: the default, and the prefix of any a request names */
    public KafkaRequestSteps(String replyTopic) {
        this.replyTopic = replyTopic;
    }

    /** The request record's headers become the component's; the record's own go no further. */
    public Processor request() {
        return exchange -> {
            Message in = exchange.getIn();
            String key = text(in.getHeader(API_KEY));
            String correlation = text(in.getHeader(CORRELATION_ID));
            String replyTo = text(in.getHeader(REPLY_TO));
            exchange.setProperty(COMMIT, in.getHeader(KafkaConstants.MANUAL_COMMIT));
            exchange.setProperty(CORRELATION, correlation);
            exchange.setProperty(REPLY, replyTopic);
            Object recordKey = in.getHeader(KafkaConstants.KEY);
            in.removeHeaders("*");
            if (recordKey != null) {
                in.setHeader(KafkaConstants.KEY, recordKey);
            }
            if (replyTo != null) {
                if (!replyTo.startsWith(replyTopic)) {
                    throw RegionGateException.of(OpenAiError.invalidField(REPLY_TO,
                            "a reply topic must start with " + replyTopic), null);
                }
                exchange.setProperty(REPLY, replyTo);
            }
            if (correlation != null && !answered.add(correlation)) {
                in.setHeader(REPEAT, "true");
                throw new RegionGateException(409, "invalid_request_error", "duplicate_request",
                        "the request with this correlation id was answered already", null);
            }
            byte[] body = in.getBody(byte[].class);
            if (body != null && RegionGateProducer.asksForStream(body)) {
                throw RegionGateException.of(OpenAiError.invalidField("stream",
                        "the Kafka entry answers whole; send stream=false"), null);
            }
            in.setBody(body);
            if (key != null) {
                in.setHeader(RegionGateConstants.API_KEY, key);
            }
        };
    }

    /** A refusal as its reply: OpenAI's error shape with its status; anything else is a 500 naming nothing. */
    public Processor refused() {
        return exchange -> {
            Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            RegionGateException refusal = failure instanceof RegionGateException known ? known
                    : RegionGateException.of(OpenAiError.internal("-"), null);
            Message message = exchange.getMessage();
            message.setBody(OpenAiErrorBody.json(new OpenAiError(refusal.status(), refusal.type(), refusal.code(),
                    refusal.errorMessage(), null)));
            message.setHeader(STATUS, String.valueOf(refusal.status()));
            if (refusal.requestId() != null) {
                message.setHeader(RegionGateConstants.REQUEST_ID, refusal.requestId());
            }
        };
    }

    /** The reply record: its topic, the request's key and correlation id, the status and request id. */
    public Processor reply() {
        return exchange -> {
            Message message = exchange.getMessage();
            Object recordKey = message.getHeader(KafkaConstants.KEY);
            String requestId = message.getHeader(RegionGateConstants.REQUEST_ID, String.class);
            String status = message.getHeader(STATUS, "200", String.class);
            String repeat = message.getHeader(REPEAT, String.class);
            message.removeHeaders("*");
            message.setHeader(KafkaConstants.OVERRIDE_TOPIC, exchange.getProperty(REPLY, replyTopic, String.class));
            if (recordKey != null) {
                message.setHeader(KafkaConstants.KEY, recordKey);
            }
            String correlation = exchange.getProperty(CORRELATION, String.class);
            if (correlation != null) {
                message.setHeader(CORRELATION_ID, correlation);
            }
            if (requestId != null) {
                message.setHeader(REQUEST_ID, requestId);
            }
            if (repeat != null) {
                message.setHeader(REPEAT, repeat);
            }
            message.setHeader(STATUS, status);
        };
    }

    /** The request's offset, committed once its reply was acknowledged. */
    public Processor commit() {
        return exchange -> {
            KafkaManualCommit commit = exchange.getProperty(COMMIT, KafkaManualCommit.class);
            if (commit != null) {
                commit.commit();
            }
        };
    }

    private static String text(Object header) {
        if (header == null) {
            return null;
        }
        return header instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : header.toString();
    }
}
