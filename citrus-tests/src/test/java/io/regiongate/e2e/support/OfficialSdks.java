package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The official OpenAI SDKs for Python and Node, installed at pinned versions from the machine's
 * package registries into {@code target/sdk} (once: a later run finds them there), and the scenario
 * scripts of {@code src/test/resources/sdk} run with them.
 */
public final class OfficialSdks {

    public static final String PYTHON_VERSION = "3.22.1";
    public static final String NODE_VERSION = "6.49.0";

    private static final Path ROOT = Path.of("target", "sdk").toAbsolutePath();
    private static final Path SCRIPTS = Path.of("src", "test", "resources", "sdk").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private OfficialSdks() {
    }

    /** What one SDK printed: one JSON line per case, by case name; and all it printed. */
    public record Run(Map<String, JsonNode> cases, String output) {
    }

    public static Run python(Map<String, String> environment) {
        Path target = ROOT.resolve("python-" + PYTHON_VERSION);
        if (!Files.isDirectory(target.resolve("openai"))) {
            // --retries 0: where pypi.org is out of reach the machine's own index answers at once
            run(ROOT, Map.of(), 600, "python3", "-m", "pip", "install", "--retries", "0", "--no-input",
                    "--disable-pip-version-check", "--target", target.toString(), "openai==" + PYTHON_VERSION);
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("PYTHONPATH", target.toString());
        return parse(run(ROOT, env, 180, "python3", SCRIPTS.resolve("scenarios.py").toString()));
    }

    public static Run node(Map<String, String> environment) {
        Path target = ROOT.resolve("node-" + NODE_VERSION);
        if (!Files.isDirectory(target.resolve("node_modules/openai"))) {
            run(ROOT, Map.of(), 600, "npm", "install", "--prefix", target.toString(), "--no-audit", "--no-fund",
                    "--no-save", "--no-package-lock", "openai@" + NODE_VERSION);
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("OPENAI_SDK_DIR", target.toString());
        return parse(run(ROOT, env, 180, "node", SCRIPTS.resolve("scenarios.cjs").toString()));
    }

    private static Run parse(String output) {
        Map<String, JsonNode> cases = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{\"case\"")) {
                try {
                    JsonNode node = JSON.readTree(line);
                    cases.put(node.path("case").asText(), node);
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line: " + line, e);
                }
            }
        }
        return new Run(cases, output);
    }

    private static String run(Path directory, Map<String, String> environment, int timeoutSeconds, String... command) {
        try {
            Files.createDirectories(directory);
            Path log = Files.createTempFile(directory, "run-", ".log");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds
                        + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
