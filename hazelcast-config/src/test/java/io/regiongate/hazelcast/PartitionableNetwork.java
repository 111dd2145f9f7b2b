package io.regiongate.hazelcast;

import com.hazelcast.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A network that a test can split and heal: a real TCP partition between real Hazelcast members,
 * for open-source Hazelcast, whose firewalling test support is not public API.
 *
 * <p>Member {@code i} announces itself at {@code 127.0.0.(11+i)} on a relay port: every member
 * reaches it only through that relay, which forwards to the member's real port. Members bind their
 * outgoing connections to their own announced address ({@code hazelcast.socket.client.bind.any:
 * false}), so a relay knows which member is connecting. Splitting closes every connection between
 * the two sides and refuses new ones until {@link #heal()}.
 */
final class PartitionableNetwork implements AutoCloseable {

    private final List<Relay> relays = new ArrayList<>();
    private volatile int[] sideOf;

    PartitionableNetwork(int members) {
        sideOf = new int[members];
        for (int i = 0; i < members; i++) {
            relays.add(new Relay(i, TestClusters.freePort()));
        }
    }

    String address(int member) {
        return relays.get(member).host + ":" + relays.get(member).server.getLocalPort();
    }

    /** The runtime's configuration of member {@code i}, announced at its relay, listing every relay. */
    Config memberConfig(int member, String region, String cluster, int quorum) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < relays.size(); i++) {
            all.add(address(i));
        }
        Config config = RegionHazelcastConfigs.embeddedMember(region, new io.regiongate.config.HazelcastConfig(
                io.regiongate.config.HazelcastMode.EMBEDDED, null, all, relays.get(member).memberPort, cluster, null, null,
                quorum, null));
        config.getNetworkConfig().setPublicAddress(address(member));
        config.setProperty("hazelcast.socket.client.bind.any", "false");
        // detect a split and heal it within seconds (defaults: 60 s, then 300 s / 120 s)
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "3");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "1");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "1");
        return config;
    }

    /** Puts {@code members} on one side, all others on the other, and cuts what connects them. */
    void split(Set<Integer> members) {
        int[] sides = new int[sideOf.length];
        members.forEach(member -> sides[member] = 1);
        sideOf = sides;
        relays.forEach(Relay::cutAcrossSides);
    }

    void heal() {
        sideOf = new int[sideOf.length];
    }

    @Override
    public void close() {
        relays.forEach(Relay::close);
    }

    private boolean sameSide(int from, int to) {
        int[] sides = sideOf;
        return from >= 0 && from < sides.length && sides[from] == sides[to];
    }

    /** Forwards connections to one member from the members on its side. */
    private final class Relay {
        final int member;
        final String host;
        final int memberPort;
        final ServerSocket server;
        final List<Link> links = new CopyOnWriteArrayList<>();

        Relay(int member, int memberPort) {
            this.member = member;
            this.host = "127.0.0." + (11 + member);
            this.memberPort = memberPort;
            try {
                server = new ServerSocket();
                server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(this::accept, "relay-" + member);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    forward(server.accept());
                } catch (IOException e) {
                    // the relay is closing
                }
            }
        }

        private void forward(Socket in) throws IOException {
            int from = in.getInetAddress().getAddress()[3] - 11;
            if (!sameSide(from, member)) {
                in.close();
                return;
            }
            Socket out;
            try {
                out = new Socket(InetAddress.getLoopbackAddress(), memberPort);
            } catch (IOException notUpYet) {
                in.close(); // the member is not (or no longer) listening: the connecting member retries
                return;
            }
            Link link = new Link(from, in, out);
            links.add(link);
            pump(link, in, out);
            pump(link, out, in);
        }

        private void pump(Link link, Socket from, Socket to) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream input = from.getInputStream(); OutputStream output = to.getOutputStream()) {
                    int read;
                    while ((read = input.read(buffer)) >= 0) {
                        output.write(buffer, 0, read);
                    }
                } catch (IOException e) {
                    // cut or closed
                } finally {
                    link.close();
                    links.remove(link);
                }
            }, "relay-pump-" + member);
            pump.setDaemon(true);
            pump.start();
        }

        void cutAcrossSides() {
            links.stream().filter(link -> !sameSide(link.from, member)).forEach(Link::close);
        }

        void close() {
            try {
                server.close();
            } catch (IOException e) {
                // closing
            }
            links.forEach(Link::close);
        }
    }

    private record Link(int from, Socket in, Socket out) {
        void close() {
            try {
                in.close();
            } catch (IOException e) {
                // closing
            }
            try {
                out.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
