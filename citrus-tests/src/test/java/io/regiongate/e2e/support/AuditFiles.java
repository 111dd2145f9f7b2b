package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What a runtime keeps in its audit directory, read from outside as an operator would. */
public final class AuditFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditFiles() {
    }

    /** The audit directory of a scenario's gateway ({@code audit.journal: data/audit} under its working directory). */
    public static Path directory(String gatewayName) {
        return GatewayProcess.directory(gatewayName).resolve("data/audit");
    }

    /** Deletes the directory and everything in it, so that a scenario starts a trail of its own. */
    public static void clear(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + directory, e);
        }
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
}
