package io.regiongate.sse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Recorded SSE streams under {@code sse/} and ways of reading them. */
final class SseFixtures {

    static final int MAX_EVENT_BYTES = 65_536;

    private SseFixtures() {
    }

    /** The fixture as recorded, with LF line endings. */
    static byte[] bytes(String name) {
        try (InputStream in = Objects.requireNonNull(
                SseFixtures.class.getClassLoader().getResourceAsStream("sse/" + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with every LF replaced by {@code ending}, as a server using CRLF or CR would send it. */
    static byte[] withLineEnding(String name, String ending) {
        return new String(bytes(name), StandardCharsets.UTF_8).replace("\n", ending).getBytes(StandardCharsets.UTF_8);
    }

    static List<SseEvent> readAll(byte[] stream) {
        return readAll(new ByteArrayInputStream(stream));
    }

    static List<SseEvent> readAll(InputStream stream) {
        SseEventReader reader = new SseEventReader(stream, MAX_EVENT_BYTES);
        List<SseEvent> events = new ArrayList<>();
        try {
            for (SseEvent event = reader.next(); event != null; event = reader.next()) {
                events.add(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** What a client receives when every event is relayed: the wire bytes one after another. */
    static byte[] relayed(List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(event -> out.writeBytes(event.wireBytes()));
        return out.toByteArray();
    }

    static byte[] concatenatedRaw(List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(event -> out.writeBytes(event.raw()));
        return out.toByteArray();
    }

    /** The fields a client's SSE parser sees, without the bytes. */
    record Fields(String data, String event, String id, boolean terminated) {
        static Fields of(SseEvent event) {
            return new Fields(event.data(), event.event(), event.id(), event.terminated());
        }
    }

    static List<Fields> fields(List<SseEvent> events) {
        return events.stream().map(Fields::of).toList();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
