package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a runtime keeps in its audit directory, read from outside as an operator would: the spool
 * segments ({@code spool-<n>.jsonl}, deleted once delivered), the journal, the dead-letter file.
 */
public final class AuditFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditFiles() {
    }

    /** The record of {@code requestId} in {@code journal}, once it is there (within 15 s). */
    public static JsonNode recordOf(Path journal, String requestId) {
        Poll.require(Duration.ofSeconds(15), () -> find(journal, requestId).isPresent(), () -> "the record of " + requestId);
        return find(journal, requestId).orElseThrow();
    }

    private static Optional<JsonNode> find(Path journal, String requestId) {
        return lines(journal).stream().filter(record -> requestId.equals(record.path("request_id").asText())).findFirst();
    }

    /** The spool's segment files, oldest first; none when everything spooled was delivered. */
    public static List<Path> spoolSegments(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("spool-\\d{20}\\.jsonl")).sorted().toList();
        } catch (IOException e) {
            // a segment deleted while listed: ask again
            return spoolSegments(directory);
        }
    }

    /** The request ids (or event ids) of every record in the spool's segments. */
    public static List<String> spooledIds(Path directory) {
        List<String> ids = new ArrayList<>();
        for (Path segment : spoolSegments(directory)) {
            for (JsonNode record : lines(segment)) {
                ids.add(record.hasNonNull("request_id") ? record.path("request_id").asText()
                        : record.path("event_id").asText());
            }
        }
        return ids;
    }

    /** The JSON objects of the whole lines of a JSON Lines file; empty when it does not exist (or vanished). */
    public static List<JsonNode> lines(Path file) {
        List<JsonNode> records = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return records;
            }
            String text = Files.readString(file);
            // a line still being written has no newline yet: it is not a record yet
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return records;
    }

    /** The lines of the dead-letter file: {@code {dead_lettered_at, reason, record}}. */
    public static List<JsonNode> deadLetters(Path directory) {
        return lines(directory.resolve("dead-letter.jsonl"));
    }
}
