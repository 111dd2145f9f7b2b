package io.regiongate.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming client of the gateway: posts a chat completion and reads the answer's server-sent
 * events as they arrive, noting when each one's closing blank line came in. It does not parse
 * more than event boundaries, so what it hands back is exactly what was on the wire.
 */
public final class SseClient {

    /** One event as received: its exact text (blank line included) and when it was complete. */
    public record ReceivedEvent(String raw, long arrivedAtNanos) {

        /** The {@code data:} lines of the event, joined by newlines. */
        public String data() {
            StringBuilder data = new StringBuilder();
            for (String line : raw.split("\r\n|\r|\n")) {
                if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
            return data.toString();
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Posts {@code json} with the key and returns the open stream; the caller closes it. */
    public Stream post(URI uri, String bearer, String json) {
        return post(uri, bearer, json, Map.of());
    }

    /** As {@link #post(URI, String, String)}, with extra request headers (e.g. {@code X-RegionGate-Consent}). */
    public Stream post(URI uri, String bearer, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        try {
            return new Stream(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer of one streamed request, read event by event. */
    public static final class Stream implements AutoCloseable {

        private final HttpResponse<InputStream> response;
        private final InputStream body;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private boolean ended;

        private Stream(HttpResponse<InputStream> response) {
            this.response = response;
            this.body = response.body();
        }

        public int status() {
            return response.statusCode();
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** The next whole event, or empty once the body has ended (a trailing partial event is dropped). */
        public Optional<ReceivedEvent> next() {
            try {
                while (true) {
                    Optional<ReceivedEvent> event = takeEvent();
                    if (event.isPresent()) {
                        return event;
                    }
                    if (ended) {
                        return Optional.empty();
                    }
                    int read = body.read(buffer);
                    if (read < 0) {
                        ended = true;
                    } else {
                        pending.write(buffer, 0, read);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Every remaining event up to the end of the body. */
        public List<ReceivedEvent> readAll() {
            List<ReceivedEvent> events = new ArrayList<>();
            for (Optional<ReceivedEvent> event = next(); event.isPresent(); event = next()) {
                events.add(event.get());
            }
            return events;
        }

        /** The rest of the body as text, for answers that are not streams. */
        public String remainingText() {
            try {
                pending.write(body.readAllBytes());
                ended = true;
                return pending.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Optional<ReceivedEvent> takeEvent() {
            String text = pending.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\n\n");
            if (end < 0) {
                return Optional.empty();
            }
            String raw = text.substring(0, end + 2);
            byte[] rest = text.substring(end + 2).getBytes(StandardCharsets.UTF_8);
            pending.reset();
            pending.write(rest, 0, rest.length);
            return Optional.of(new ReceivedEvent(raw, System.nanoTime()));
        }

        /** Hangs up: the connection is closed without reading the rest. */
        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
