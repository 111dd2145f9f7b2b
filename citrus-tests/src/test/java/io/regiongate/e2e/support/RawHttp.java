package io.regiongate.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client library would send: header values
 * with CR/LF, invalid UTF-8, bodies shorter than their Content-Length, anything. Reads the whole
 * answer ({@code Connection: close}).
 */
public final class RawHttp {

    /** The status line's code (0 when the connection closed without an answer), headers and body as text. */
    public record Answer(int status, String head, String body) {

        /** A header's value (first, case-insensitive), or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (head and body, as bytes) and reads the answer until the server closes. */
    public static Answer exchange(int port, byte[] request, int readTimeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    answer.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException e) {
                // what arrived is the answer
            } catch (IOException e) {
                // reset by the server after it answered (or without answering)
            }
            return parse(answer.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return new Answer(0, "", e.toString());
        }
    }

    /** A request: a head from its lines plus Content-Length (unless one is given), then the body. */
    public static byte[] request(String method, String path, byte[] body, String... headerLines) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        boolean lengthGiven = false;
        for (String line : headerLines) {
            head.append(line).append("\r\n");
            lengthGiven |= line.toLowerCase(Locale.ROOT).startsWith("content-length:");
        }
        if (!lengthGiven) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static Answer parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        int status = 0;
        if (head.startsWith("HTTP/1.")) {
            String[] parts = head.split(" ", 3);
            try {
                status = Integer.parseInt(parts[1].trim());
            } catch (RuntimeException e) {
                status = 0;
            }
        }
        return new Answer(status, head, body);
    }
}
