package io.regiongate.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JSON form of audit records, and the canonical form their link is taken over: RFC 8785
 * (JSON Canonicalization Scheme: keys sorted by UTF-16 code units, no whitespace, ECMAScript number
 * and string forms) without the chain's own {@code hash}. The verifier computes the canonical form
 * from the JSON it reads, so a record stays verifiable by tools in any language that implement JCS.
 */
public final class AuditJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private AuditJson() {
    }

    public static ObjectNode toTree(AuditEntry record) {
        return MAPPER.valueToTree(record);
    }

    public static String toJson(AuditEntry record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit record cannot be written as JSON", e);
        }
    }

    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /**
     * What a delivery needs from a record's JSON without parsing all of it: its writer (the Kafka
     * key) and its id, under {@code request_id} or, for an event, {@code event_id}.
     */
    public record Routing(String writer, boolean event, String id) {
    }

    /** The {@link Routing} of one record's JSON; reads only its top-level fields and {@code chain.writer}. */
    public static Routing routingOf(String json) throws java.io.IOException {
        String writer = null;
        String requestId = null;
        String eventId = null;
        try (com.fasterxml.jackson.core.JsonParser parser = MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new java.io.IOException("an audit record is a JSON object");
            }
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
                if ("chain".equals(field) && value == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                    while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        parser.nextToken();
                        if ("writer".equals(inner)) {
                            writer = parser.getValueAsString();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else if ("request_id".equals(field)) {
                    requestId = parser.getValueAsString();
                } else if ("event_id".equals(field)) {
                    eventId = parser.getValueAsString();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new Routing(writer, eventId != null && requestId == null, requestId != null ? requestId : eventId);
    }

    /** SHA-256 of the canonical form of a record (its {@code chain.hash} ignored), lower-case hex. */
    public static String hashOf(JsonNode record) {
        return sha256Hex(canonical(record));
    }

    /**
     * What a record's link is taken over: its RFC 8785 (JCS) canonical form with {@code chain.hash}
     * removed. Any JCS implementation reproduces it from the record as read.
     */
    public static String canonical(JsonNode record) {
        return record.isObject() ? CanonicalJson.withoutChainHash(record) : CanonicalJson.of(record);
    }

    /** The RFC 8785 (JCS) canonical form of a JSON value. */
    public static String jcs(JsonNode node) {
        return CanonicalJson.of(node);
    }

    /**
     * A record as the verifier reads it: a key that appears twice in one object is refused
     * (readers that keep the first and those that keep the last would see two different records).
     *
     * @throws JsonProcessingException also for a duplicate key, naming it
     */
    public static JsonNode parseStrict(String json) throws JsonProcessingException {
        return STRICT.readTree(json);
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
