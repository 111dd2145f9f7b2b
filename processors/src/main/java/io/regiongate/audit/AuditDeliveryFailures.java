package io.regiongate.audit;

import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Why the audit endpoint did not take a record, and what the writer does about it:
 * <ul>
 *   <li>{@link Verdict#REFUSED_FOR_GOOD}: the broker (or the producer before it) refused this very
 *       record and would refuse it again: {@code RecordTooLargeException},
 *       {@code InvalidRecordException}, {@code CorruptRecordException} and every other
 *       non-retriable Kafka error about a request. Retrying would stall the trail behind it: the
 *       record goes to the dead-letter file and the trail moves on;</li>
 *   <li>{@link Verdict#UNAVAILABLE}: the endpoint is away or not usable for now (timeouts,
 *       disconnects, every retriable error, and the non-retriable errors that concern the
 *       endpoint rather than the record: authentication, authorisation, a fenced or out-of-order
 *       producer, an invalid topic, an unsupported version), or anything that is not a Kafka
 *       error at all. The record is spooled and offered again later; nothing is dropped.</li>
 * </ul>
 */
public final class AuditDeliveryFailures {

    /** What to do with a record the endpoint did not take. */
    public enum Verdict {
        REFUSED_FOR_GOOD,
        UNAVAILABLE
    }

    /** The verdict and a reason that names the error class and its message, never a record's content. */
    public record Classified(Verdict verdict, String reason) {

        public boolean refusedForGood() {
            return verdict == Verdict.REFUSED_FOR_GOOD;
        }
    }

    /** Non-retriable errors that say nothing against the record: every other record would meet them too. */
    private static final List<Class<? extends KafkaException>> ENDPOINT_ERRORS = List.of(
            AuthenticationException.class,
            AuthorizationException.class,
            ProducerFencedException.class,
            org.apache.kafka.common.errors.OutOfOrderSequenceException.class,
            org.apache.kafka.common.errors.UnknownProducerIdException.class,
            org.apache.kafka.common.errors.InvalidProducerEpochException.class,
            org.apache.kafka.common.errors.ClusterAuthorizationException.class,
            InvalidTopicException.class,
            UnsupportedVersionException.class);

    private AuditDeliveryFailures() {
    }

    public static Classified classify(Throwable failure) {
        KafkaException kafka = kafkaCause(failure);
        if (kafka == null) {
            return new Classified(Verdict.UNAVAILABLE, describe(root(failure)));
        }
        boolean refused = (kafka instanceof ApiException || kafka instanceof SerializationException)
                && !(kafka instanceof RetriableException)
                && ENDPOINT_ERRORS.stream().noneMatch(type -> type.isInstance(kafka));
        return new Classified(refused ? Verdict.REFUSED_FOR_GOOD : Verdict.UNAVAILABLE, describe(kafka));
    }

    /** The innermost Kafka error in the cause chain (Camel wraps the producer's). */
    private static KafkaException kafkaCause(Throwable failure) {
        KafkaException found = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof KafkaException kafka) {
                found = kafka;
            }
        }
        return found;
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
