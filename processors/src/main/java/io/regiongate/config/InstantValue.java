package io.regiongate.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Instants as operators write them: a date and time with its offset ({@code 2027-01-31T18:00:00Z},
 * {@code 2027-01-31T18:00:00+01:00}), or a date alone, which means the last instant of that day in UTC.
 */
public final class InstantValue {

    private InstantValue() {
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Instant parse(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1);
            }
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an instant; write a date (2027-01-31, "
                    + "meaning the end of that day in UTC) or a date and time with its offset (2027-01-31T18:00:00Z)");
        }
    }

    /** Binds YAML scalars to {@link Instant} with {@link #parse}. */
    static final class Deserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return parse(text == null ? parser.getText() : text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(parser, e.getMessage(), text, Instant.class);
            }
        }
    }
}
