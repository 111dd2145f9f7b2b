package io.regiongate.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine's open TCP connections as Linux lists them ({@code /proc/net/tcp} and {@code tcp6}):
 * whether the gateway still holds a socket to a client, seen from outside the gateway.
 */
public final class LoopbackSockets {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** The states of a socket that still holds its connection (ESTABLISHED, FIN_WAIT1, CLOSE_WAIT, LAST_ACK, CLOSING). */
    private static final List<String> HELD = List.of("01", "04", "08", "09", "0B");

    private LoopbackSockets() {
    }

    /** True where the kernel's tables can be read (Linux). */
    public static boolean readable() {
        return Files.isReadable(TABLES.get(0));
    }

    /** True while a socket on local port {@code serverPort} is connected to remote port {@code clientPort}. */
    public static boolean held(int serverPort, int clientPort) {
        String local = ":" + hex(serverPort);
        String remote = ":" + hex(clientPort);
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(local) && fields[2].endsWith(remote) && HELD.contains(fields[3])) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    private static String hex(int port) {
        return String.format(Locale.ROOT, "%04X", port);
    }
}
