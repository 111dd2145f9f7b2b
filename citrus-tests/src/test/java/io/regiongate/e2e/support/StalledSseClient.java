package io.regiongate.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming client that sends its request over a plain socket with a small receive buffer and
 * then does not read until told to: what a slow or stalled consumer looks like to the gateway.
 * {@link #readAll()} then reads the chunked body to its end and returns each event's data.
 */
public final class StalledSseClient implements AutoCloseable {

    private final Socket socket;

    private StalledSseClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects with a {@code receiveBuffer}-byte receive buffer and sends the POST; reads nothing. */
    public static StalledSseClient open(int port, String bearer, String json, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBuffer);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: " + bearer + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new StalledSseClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's own port: with the gateway's, it names the connection in the kernel's socket tables. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Reads the answer to its end: the status line must be 200; returns the data of each event in order. */
    public List<String> readAll() {
        List<String> data = new ArrayList<>();
        readEach(data::add);
        return data;
    }

    /**
     * Reads the answer to its end without keeping it: the status line must be 200; hands each
     * event's data to {@code eachData} in order, and returns how many events there were.
     */
    public long readEach(java.util.function.Consumer<String> eachData) {
        try {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
            String status = line(in);
            if (!status.contains(" 200 ")) {
                throw new IllegalStateException("answer: " + status);
            }
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding:") && header.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            long events = 0;
            while (true) {
                byte[] piece;
                if (chunked) {
                    int size = Integer.parseInt(line(in).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    piece = in.readNBytes(size);
                    line(in);
                } else {
                    piece = in.readNBytes(65536);
                    if (piece.length == 0) {
                        break;
                    }
                }
                pending.write(piece);
                events += takeEvents(pending, eachData);
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands on every whole event in {@code pending} and keeps the rest. */
    private static long takeEvents(ByteArrayOutputStream pending, java.util.function.Consumer<String> eachData) {
        String text = pending.toString(StandardCharsets.UTF_8);
        int start = 0;
        long events = 0;
        for (int end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n", start)) {
            String event = text.substring(start, end);
            if (event.startsWith("data: ")) {
                eachData.accept(event.substring(6));
                events++;
            }
            start = end + 2;
        }
        byte[] rest = text.substring(start).getBytes(StandardCharsets.UTF_8);
        pending.reset();
        pending.write(rest, 0, rest.length);
        return events;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
