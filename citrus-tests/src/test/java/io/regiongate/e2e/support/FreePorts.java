package io.regiongate.e2e.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports on 127.0.0.1 that nothing listens on at the moment of asking, each handed out once per test
 * JVM: a port reserved for a runtime that has not started yet is never given to a vendor or broker
 * that starts before it (the operating system alone would hand the same free port out again).
 * Servers of the scenarios bind ports from here, never port 0.
 *
 * <p>The ports lie below the kernel's ephemeral range ({@code ip_local_port_range}), from a random
 * point on: a port from that range, free when asked for, could be taken by any outgoing connection
 * (a Kafka or Hazelcast client, an HTTP call) before its runtime binds it, and was once in CI
 * ({@code cannot listen on 127.0.0.1:33863: Address already in use}).
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** The ports handed out: 12,000 below the first ephemeral one (Linux: 20768 to 32767). */
    private static final int RANGE = 12_000;
    private static final int FIRST = Math.max(1024, firstEphemeral() - RANGE);
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(RANGE));

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < RANGE; attempt++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), RANGE);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 from " + FIRST + " that was not handed out before");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first port of the kernel's ephemeral range; Linux's default when it cannot be read. Read line
     * by line: {@code Files.readString} trusts the size /proc reports and returned one character.
     */
    private static int firstEphemeral() {
        try {
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
