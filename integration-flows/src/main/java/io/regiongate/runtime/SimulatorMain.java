package io.regiongate.runtime;

import io.regiongate.config.DurationValue;
import io.regiongate.config.SimulatorConfig;
import io.regiongate.simulator.SimulatedUpstreamServer;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated vendor on its own, for benchmarks and demos:
 * {@code java -cp regiongate.jar io.regiongate.runtime.SimulatorMain [--port N] [--chunk-interval 50ms]
 * [--models a,b] [--reply TEXT] [--http2 true]}. It listens on 127.0.0.1 only and runs until killed;
 * with {@code --http2 true} it also takes HTTP/2 over plain TCP (prior knowledge).
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        String interval = null;
        String reply = null;
        boolean http2 = false;
        List<String> models = List.of("gpt-4o", "gpt-4o-mini");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--chunk-interval" -> interval = args[i + 1];
                case "--models" -> models = List.of(args[i + 1].split(","));
                case "--reply" -> reply = args[i + 1];
                case "--http2" -> http2 = Boolean.parseBoolean(args[i + 1]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(64);
                }
            }
        }
        SimulatorConfig settings = new SimulatorConfig(interval == null ? null : DurationValue.parse(interval), reply);
        SimulatedUpstreamServer server = new SimulatedUpstreamServer(models, settings, http2).start(port);
        System.out.println("simulated upstream on " + server.baseUrl());
        new CountDownLatch(1).await();
    }
}
