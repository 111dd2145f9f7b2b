package io.regiongate.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The RegionGate runtime as deployed: {@code java -jar regiongate.jar --config FILE} in a process
 * of its own, with its own working directory and log under {@code target/e2e/<name>/}. Started
 * once per scenario class; {@link #close()} stops it the way an orchestrator would (SIGTERM, then
 * a kill if it does not stop).
 *
 * <p>The jar is taken from the environment variable {@value #JAR_ENV} when set, else from the
 * system property {@value #JAR_PROPERTY} (set by Failsafe to the module build's jar).
 */
public final class GatewayProcess implements AutoCloseable {

    public static final String JAR_ENV = "REGIONGATE_JAR";
    public static final String JAR_PROPERTY = "regiongate.jar";

    /**
     * Ready in 5–10 s on an idle machine; on the shared 2-core build machines under a load of ~20
     * (other agents' benchmarks and scenarios) two runtimes starting together took more than 30 s.
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /**
     * The client compiler only: a scenario's runtime lives for seconds, and the server compiler's
     * work would not pay back (a start's CPU time down by about a third); benchmarks run the
     * deployed JVM options.
     */
    private static final String SHORT_LIVED = "-XX:TieredStopAtLevel=1";
    /**
     * Set by the benchmarks of {@code bench/} that run scenarios ({@code -Dregiongate.e2e.deployed-jvm=true}):
     * their runtimes start with the deployed JVM options, without the archive and the client compiler.
     */
    private static final boolean DEPLOYED_JVM = Boolean.getBoolean("regiongate.e2e.deployed-jvm");

    private final Process process;
    private final Path directory;
    private final Path log;
    private final int port;
    private final int adminPort;

    private GatewayProcess(Process process, Path directory, Path log, int port, int adminPort) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.port = port;
        this.adminPort = adminPort;
    }

    /**
     * Writes the configuration, starts the jar with these JVM options (e.g. a trust store) and
     * returns once {@code /health/ready} answers 200.
     */
    static GatewayProcess start(String name, GatewayConfigFile config, List<String> jvmOptions) {
        Path directory = directory(name);
        try {
            Files.createDirectories(directory);
            Path configFile = Files.writeString(directory.resolve("regiongate.yaml"), config.yaml());
            return launch(name, jvmOptions, List.of("--config", configFile.toString()), config.environment(),
                    config.port(), config.adminPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of " + name, e);
        }
    }

    /**
     * Starts the jar with no configuration at all, as the README's first command does (the embedded
     * default), moved to {@code port} through {@code REGIONGATE_LISTEN_PORT} and its admin listener
     * to a free port through {@code REGIONGATE_ADMIN_PORT}.
     */
    static GatewayProcess startEmbeddedDefault(String name, int port) {
        int adminPort = FreePorts.next();
        return launch(name, List.of(), List.of(), Map.of("REGIONGATE_LISTEN_PORT", String.valueOf(port),
                "REGIONGATE_ADMIN_PORT", String.valueOf(adminPort)), port, adminPort);
    }

    /**
     * Starts a host application's jar (a Camel Main of an integration estate that adds RegionGate as
     * a library) in its working directory, the scenario's configuration named to it by
     * {@code CAMEL_COMPONENT_REGIONGATE_CONFIG_FILE}, with {@code environment} besides the upstream
     * keys; returns once RegionGate's {@code /health/ready} answers 200 on its admin listener.
     */
    static GatewayProcess startHostApplication(String name, Path jar, GatewayConfigFile config,
                                               Map<String, String> environment) {
        Path directory = directory(name);
        try {
            Files.createDirectories(directory);
            Path configFile = Files.writeString(directory.resolve("regiongate.yaml"), config.yaml());
            Map<String, String> all = new java.util.HashMap<>(config.environment());
            all.putAll(environment);
            all.put("CAMEL_COMPONENT_REGIONGATE_CONFIG_FILE", configFile.toString());
            return launch(name, jar, List.of(), List.of(), all, config.port(), config.adminPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of " + name, e);
        }
    }

    private static GatewayProcess launch(String name, List<String> jvmOptions, List<String> arguments,
                                         Map<String, String> environment, int port, int adminPort) {
        return launch(name, jar(), jvmOptions, arguments, environment, port, adminPort);
    }

    private static GatewayProcess launch(String name, Path jar, List<String> jvmOptions, List<String> arguments,
                                         Map<String, String> environment, int port, int adminPort) {
        Path directory = directory(name);
        try {
            Files.createDirectories(directory);
            Path log = directory.resolve("gateway.log");
            List<String> command = new java.util.ArrayList<>(List.of(javaExecutable(), "-Xmx256m"));
            command.addAll(fastStart());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("REGIONGATE_CONFIG");
            builder.environment().remove("REGIONGATE_REGION");
            builder.environment().remove("REGIONGATE_LISTEN_HOST");
            builder.environment().remove("REGIONGATE_LISTEN_PORT");
            builder.environment().remove("REGIONGATE_ADMIN_PORT");
            builder.environment().putAll(environment);
            System.out.println("[e2e] starting " + jar + " " + String.join(" ", arguments) + " (log " + log + ")");
            Process process = jar.equals(jar()) && !DEPLOYED_JVM ? StartupArchive.start(builder, jar) : builder.start();
            GatewayProcess gateway = new GatewayProcess(process, directory, log, port, adminPort);
            // a test JVM that dies without running @AfterAll must not leave a gateway behind
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "stop-gateway-" + name));
            gateway.awaitReady();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway " + jar, e);
        }
    }

    /** The process's working directory: its audit journal is {@code data/audit} under it. */
    public static Path directory(String name) {
        return Path.of("target", "e2e", name).toAbsolutePath();
    }

    /** Kills the process at once (SIGKILL), as a crash would: no shutdown hooks, no draining. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a one-shot command of the jar printed, and its exit code. */
    public record CommandResult(int exitCode, String output) {
    }

    /** Runs {@code java -jar regiongate.jar ARGS} to its end, e.g. {@code audit verify ...}. */
    public static CommandResult runCommand(Duration timeout, String... args) {
        return runCommand(timeout, Map.of(), args);
    }

    /** As {@link #runCommand(Duration, String...)}, with these environment variables set. */
    public static CommandResult runCommand(Duration timeout, Map<String, String> environment, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(javaExecutable(), "-Xmx256m"));
        command.addAll(fastStart());
        if (!DEPLOYED_JVM) {
            command.addAll(StartupArchive.ifReady(jar()));
        }
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("regiongate-command", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", args) + "' did not end within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new CommandResult(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the gateway process (for {@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    /**
     * The gateway's used heap in bytes right after a full collection, from {@code jcmd <pid> GC.run}
     * and {@code GC.heap_info} (the JDK's own tools, next to the running {@code java}).
     */
    public long heapUsedAfterGc() {
        String jcmd = Path.of(javaExecutable()).resolveSibling("jcmd").toString();
        try {
            new ProcessBuilder(jcmd, String.valueOf(pid()), "GC.run").redirectErrorStream(true).start().waitFor();
            Process info = new ProcessBuilder(jcmd, String.valueOf(pid()), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            info.waitFor();
            java.util.regex.Matcher used = java.util.regex.Pattern.compile("heap\\s+total \\d+K, used (\\d+)K").matcher(text);
            if (!used.find()) {
                throw new IllegalStateException("no heap figure in jcmd's answer: " + text);
            }
            return Long.parseLong(used.group(1)) * 1024;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a path. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<admin port>}: {@code /admin/*}, {@code /metrics}, the detailed readiness. */
    public String adminBaseUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    public URI adminUri(String path) {
        return URI.create(adminBaseUrl() + path);
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The runtime's working directory: its configuration, its log, and whatever it writes to disk. */
    public Path directory() {
        return directory;
    }

    /** The files under the working directory whose bytes contain {@code text} (UTF-8), relative to it. */
    public List<Path> filesContaining(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> contains(file, needle))
                    .map(directory::relativize)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + directory, e);
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        // on the admin listener: plain HTTP whatever the API listener speaks
        HttpRequest ready = HttpRequest.newBuilder(adminUri("/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        boolean isReady = Poll.until(READY_TIMEOUT, () -> {
            if (!process.isAlive()) {
                return true;
            }
            try {
                return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        if (!process.isAlive()) {
            throw new IllegalStateException("the gateway exited with code " + process.exitValue()
                    + " before it was ready; its output:\n" + output());
        }
        if (!isReady) {
            close();
            throw new IllegalStateException("the gateway was not ready on " + baseUrl() + " within "
                    + READY_TIMEOUT.toSeconds() + " s; its output:\n" + output());
        }
    }

    private static List<String> fastStart() {
        return DEPLOYED_JVM ? List.of() : List.of(SHORT_LIVED);
    }

    static Path jar() {
        String fromEnv = System.getenv(JAR_ENV);
        String fromProperty = System.getProperty(JAR_PROPERTY);
        String chosen = fromEnv != null && !fromEnv.isBlank() ? fromEnv
                : fromProperty != null && !fromProperty.isBlank() ? fromProperty
                : "../integration-flows/target/regiongate.jar";
        Path jar = Path.of(chosen).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no RegionGate jar at " + jar + "; build integration-flows first, or set "
                    + JAR_ENV + " / -D" + JAR_PROPERTY);
        }
        return jar;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
