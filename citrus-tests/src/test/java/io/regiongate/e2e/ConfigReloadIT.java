package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.AdminUsage;
import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.ChatLoad;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.MetricsScrape;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenants, keys and upstreams change without a restart, by {@code POST /admin/reload} and by an
 * edit of the file the runtime watches: a stream in flight on a key finishes while a second key is
 * added; the first key, removed, gets 401; a broken file is refused whole, naming the file and the
 * key, while the running configuration keeps serving; a change that needs a restart says so and
 * is not applied; an upstream added, changed and removed serves (or stops serving) at once.
 */
class ConfigReloadIT {

    private static final String ADMIN_TOKEN = "reload-admin-token";
    private static final TestTenant FIRST = new TestTenant("initech", "eu", "rg-test-reload-first");
    private static final TestTenant SECOND = new TestTenant("initech", "eu", "rg-test-reload-second");
    private static final String FIRST_KEY = "{id: first, sha256: " + FIRST.apiKeySha256() + "}";
    private static final String SECOND_KEY = "{id: second, sha256: " + SECOND.apiKeySha256() + "}";
    /** Fifty words at 150 ms: a stream of about seven seconds, longer than a replaced route's grace. */
    private static final String FIRST_REPLY = "from the new upstream" + " word".repeat(46);
    /** Forty words at 100 ms: a stream of about four seconds. */
    private static final String LONG_REPLY = "word ".repeat(40).trim();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("config-reload")
            .adminToken(ADMIN_TOKEN)
            .configure(file -> file.tenantWithKeys(FIRST, List.of(FIRST_KEY)))
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(100), LONG_REPLY);

    private static String original;

    @AfterEach
    void putTheOriginalFileBack() {
        if (original != null) {
            write(original);
            Poll.require(Duration.ofSeconds(20), () -> "unchanged".equals(reload().json().path("status").asText()),
                    () -> "the original configuration back in force");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aKeyIsAddedWhileAStreamIsInFlightThenTheFirstIsRemovedByTheWatchAndABrokenFileIsRefused() throws Exception {
        String withBothKeys = originalFile().replace("- " + FIRST_KEY, "- " + FIRST_KEY + "\n      - " + SECOND_KEY);
        try (SseClient.Stream stream = new SseClient().post(deployment.uri("/v1/chat/completions"), FIRST.bearer(),
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a long one\"}]}")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next()).as("the stream's first event, before the reload").isPresent();

            // when a second key is added while the stream is in flight
            write(withBothKeys);
            Answer reloaded = reload();

            // then the reload applies the tenants, and the stream on the first key still completes
            assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
            assertThat(reloaded.json().path("generation").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(reloaded.json().path("restart_required")).isEmpty();
            String rest = stream.remainingText();
            assertThat(rest).contains("data: [DONE]");
            assertThat(rest).doesNotContain("\"error\"");
        }
        assertThat(ChatCalls.complete(deployment.gateway().uri("/"), FIRST, "gpt-4o").status()).isEqualTo(200);
        assertThat(ChatCalls.complete(deployment.gateway().uri("/"), SECOND, "gpt-4o").status()).isEqualTo(200);

        // when the first key is removed from the file, with no call to the admin endpoint
        write(withBothKeys.replace("      - " + FIRST_KEY + "\n", ""));

        // then the watch applies it: the first key gets 401, the second still works
        Poll.require(Duration.ofSeconds(20),
                () -> ChatCalls.complete(deployment.gateway().uri("/"), FIRST, "gpt-4o").status() == 401,
                () -> "the removed key refused once the watch saw the file change");
        assertThat(ChatCalls.complete(deployment.gateway().uri("/"), SECOND, "gpt-4o").status()).isEqualTo(200);

        // when a broken file is written: a key's hash that is no SHA-256
        write(withBothKeys.replace(SECOND.apiKeySha256(), "not-a-sha256"));
        Answer refused = reload();

        // then it is refused whole, naming the file and the key, and the running configuration serves on
        assertThat(refused.status()).isEqualTo(422);
        OpenAiErrorShape.assertError(refused.body(), OpenAiErrorShape.INVALID_REQUEST, "config_invalid", null);
        String message = refused.json().path("error").path("message").asText();
        assertThat(message).contains(configFile().toString()).contains("tenants[0].api-keys[1].sha256");
        assertThat(ChatCalls.complete(deployment.gateway().uri("/"), SECOND, "gpt-4o").status()).isEqualTo(200);
        assertThat(ChatCalls.complete(deployment.gateway().uri("/"), FIRST, "gpt-4o").status())
                .as("the broken file's first key is not in force either").isEqualTo(401);
        assertThat(deployment.gateway().output()).contains("configuration reload (admin) refused")
                .contains("tenants[0].api-keys[1].sha256");
        assertThat(MetricsScrape.of(deployment.gateway(), ADMIN_TOKEN))
                .containsPattern("regiongate_config_reloads_total\\{[^}]*outcome=\"refused\"[^}]*trigger=\"admin\"[^}]*} [1-9]");

        // and every reload, by the admin endpoint or the watch, applied or refused, is in the region's trail
        Poll.require(Duration.ofSeconds(15), () -> reloadsInTrail().containsAll(List.of("admin/applied", "file/applied",
                "admin/refused")), () -> "config_reload events in the journal: " + reloadsInTrail());
        JsonNode refusal = AuditFiles.lines(deployment.journal()).stream()
                .filter(entry -> "refused".equals(entry.path("config_reload").path("outcome").asText())).findFirst()
                .orElseThrow();
        assertThat(refusal.path("config_reload").path("problem").asText()).contains("tenants[0].api-keys[1].sha256");
        assertThat(refusal.path("config_reload").path("sha256").asText()).matches("[0-9a-f]{64}");
        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(30), "audit", "verify",
                "--journal", deployment.journal().toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aTenantKeepsWhatItUsedWhenItsLimitsChangeAndAHalfWrittenFileIsRefusedUntilItIsFinished() {
        assertThat(originalFile()).contains("    home-zone: eu\n");

        // given a tenant with a daily token budget that has used some of it
        write(withDailyTokens(1_000_000));
        assertThat(reload().status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(ChatCalls.complete(deployment.gateway().uri("/"), FIRST, "gpt-4o").status()).isEqualTo(200);
        }
        Poll.require(Duration.ofSeconds(10), () -> usage().window("tokens-per-day").isPresent() && usedToday() > 0,
                () -> "tokens used today: " + usage().body());
        long used = usedToday();

        // when its limit changes
        write(withDailyTokens(2_000_000));
        assertThat(reload().json().path("changed").toString()).contains("tenants");

        // then it keeps what it used, under the new limit
        AdminUsage.Answer after = usage();
        assertThat(after.used("tokens-per-day")).as("used today, after the reload").isEqualTo(used);
        assertThat(after.window("tokens-per-day").orElseThrow().path("limit").asLong()).isEqualTo(2_000_000);

        // and a limit below what it used refuses its next request
        write(withDailyTokens(used));
        assertThat(reload().status()).isEqualTo(200);
        HttpResponse<String> over = chatAs(FIRST);
        assertThat(over.statusCode()).as(over.body()).isEqualTo(429);
        OpenAiErrorShape.assertError(over.body(), "insufficient_quota", "insufficient_quota", null);

        // when the watch catches a file half-written in place (no rename)
        String finished = withDailyTokens(1_000_000);
        double refusedBefore = fileRefusals();
        writeInPlace(finished.substring(0, finished.indexOf("sha256: ") + 12));       // inside the key's braces

        // then it is refused and the running configuration serves on; once finished, it is applied
        Poll.require(Duration.ofSeconds(20), () -> fileRefusals() > refusedBefore, () -> "the half-written file refused");
        assertThat(chatAs(FIRST).statusCode()).as("the last applied limit still in force").isEqualTo(429);
        writeInPlace(finished);
        Poll.require(Duration.ofSeconds(20), () -> chatAs(FIRST).statusCode() == 200,
                () -> "the finished file applied by the watch");
    }

    /** The original file with the tenant's {@code quotas: {tokens-per-day: N}}. */
    private static String withDailyTokens(long tokens) {
        return originalFile().replace("    home-zone: eu\n", "    home-zone: eu\n    quotas: {tokens-per-day: " + tokens + "}\n");
    }

    private static AdminUsage.Answer usage() {
        return AdminUsage.get(deployment.gateway(), FIRST.id(), "Bearer " + ADMIN_TOKEN);
    }

    private static long usedToday() {
        return usage().used("tokens-per-day");
    }

    private static double fileRefusals() {
        java.util.regex.Matcher refused = java.util.regex.Pattern.compile(
                "regiongate_config_reloads_total\\{[^}]*outcome=\"refused\"[^}]*trigger=\"file\"[^}]*} ([0-9.]+)")
                .matcher(MetricsScrape.of(deployment.gateway(), ADMIN_TOKEN));
        return refused.find() ? Double.parseDouble(refused.group(1)) : 0;
    }

    private static HttpResponse<String> chatAs(TestTenant tenant) {
        return send(HttpRequest.newBuilder(deployment.uri("/v1/chat/completions"))
                .header("Authorization", tenant.bearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"))
                .build());
    }

    /** As a careless tool would: the file's own bytes replaced where it lies. */
    private static void writeInPlace(String yaml) {
        try {
            Files.writeString(configFile(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each {@code config_reload} event of the journal as {@code trigger/outcome}. */
    private static List<String> reloadsInTrail() {
        return AuditFiles.lines(deployment.journal()).stream()
                .filter(entry -> "config_reload".equals(entry.path("kind").asText()))
                .map(entry -> entry.path("config_reload").path("trigger").asText() + "/"
                        + entry.path("config_reload").path("outcome").asText())
                .toList();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anUpstreamIsAddedChangedAndRemovedAndAListenerChangeWaitsForARestart() {
        String withSecondUpstream = originalFile().replace("upstreams:\n", "upstreams:\n"
                + "  - id: eu-west-1-mini\n"
                + "    region: eu-west-1\n"
                + "    type: simulated\n"
                + "    models: [gpt-4o-mini]\n"
                + "    simulator: {chunk-interval: 150ms, reply: \"" + FIRST_REPLY + "\"}\n");

        // when an upstream serving a new model is added
        write(withSecondUpstream);
        Answer added = reload();
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("changed").toString()).contains("upstreams");

        // then the model is listed and served by it
        assertThat(modelStatus("gpt-4o-mini")).isEqualTo(200);
        HttpResponse<String> mini = chat("gpt-4o-mini");
        assertThat(mini.statusCode()).isEqualTo(200);
        assertThat(mini.headers().firstValue("X-RegionGate-Upstream")).contains("eu-west-1-mini");
        assertThat(mini.body()).contains("from the new upstream");

        // when it is changed (another reply) while a stream from it is in flight
        try (SseClient.Stream stream = new SseClient().post(deployment.uri("/v1/chat/completions"), FIRST.bearer(),
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next()).isPresent();
            write(withSecondUpstream.replace(FIRST_REPLY, "from the changed upstream"));
            assertThat(reload().status()).isEqualTo(200);

            // then the next answer comes from the changed one, and the stream ends whole from the old one
            assertThat(chat("gpt-4o-mini").body()).contains("from the changed upstream");
            String rest = stream.remainingText();
            assertThat(rest).contains("data: [DONE]").doesNotContain("\"error\"");
            assertThat(rest.split("word", -1)).as("the old reply's words, all of them").hasSizeGreaterThan(46);
        }
        // and the replaced call route is removed once its stream has ended
        Poll.require(Duration.ofSeconds(20),
                () -> deployment.gateway().output().matches("(?s).*call route upstream-eu-west-1-mini-r\\d+ removed.*"),
                () -> "the replaced call route removed");

        // when a listener setting changes with it, then that part waits for a restart and says so
        int port = deployment.gateway().port();
        write(withSecondUpstream.replace(FIRST_REPLY, "from the changed upstream")
                .replace("port: " + port + "}", "port: " + (port + 1) + "}"));
        Answer restartOnly = reload();
        assertThat(restartOnly.status()).as(restartOnly.body()).isEqualTo(200);
        assertThat(restartOnly.json().path("restart_required").toString()).contains("listen");
        assertThat(chat("gpt-4o-mini").statusCode()).as("still served on the port it started with").isEqualTo(200);

        // when it is removed, then its model is no longer served here
        write(originalFile());
        assertThat(reload().status()).isEqualTo(200);
        assertThat(modelStatus("gpt-4o-mini")).isEqualTo(404);
        assertThat(chat("gpt-4o").statusCode()).isEqualTo(200);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void underLoadNoRequestIsLostWhileTheUpstreamServingItIsReplacedAgainAndAgain() {
        int replacements = 4;
        try (ChatLoad load = ChatLoad.start(deployment.gateway().uri("/"), FIRST, 4)) {
            Poll.require(Duration.ofSeconds(20), () -> load.answered().size() >= 50, () -> "traffic before the reloads");

            // when the upstream every request goes to is changed, and so replaced, several times under load
            for (int i = 1; i <= replacements; i++) {
                write(originalFile().replace(LONG_REPLY, LONG_REPLY + " version" + i));
                Answer reloaded = reload();
                assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
                int answeredBefore = load.answered().size();
                Poll.require(Duration.ofSeconds(20), () -> load.answered().size() >= answeredBefore + 50,
                        () -> "traffic after reload " + reloaded.body());
            }
            load.stop();

            // then every request was answered, before, during and after each replacement
            assertThat(load.sent()).as("requests sent").hasSizeGreaterThan(50 * (replacements + 1));
            assertThat(load.sent()).allSatisfy(sent -> assertThat(sent.status()).as("status of " + sent.requestId())
                    .isEqualTo(200));
        }
        // and each replaced call route was removed once the traffic had left it
        Poll.require(Duration.ofSeconds(30), () -> deployment.gateway().output()
                        .split("call route upstream-eu-west-1-sim[-r0-9]* removed", -1).length > replacements,
                () -> "the " + replacements + " replaced call routes of eu-west-1-sim removed");
    }

    /** The file as the deployment wrote it, read once before the first edit. */
    private static String originalFile() {
        if (original == null) {
            try {
                original = Files.readString(configFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return original;
    }

    private static Path configFile() {
        return deployment.gateway().directory().resolve("regiongate.yaml");
    }

    /** As an operator's tool would: the whole new file, renamed over the old one. */
    private static void write(String yaml) {
        try {
            Path next = Files.writeString(configFile().resolveSibling("regiongate.yaml.next"), yaml);
            Files.move(next, configFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Answer reload() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(deployment.gateway().adminUri("/admin/reload"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        return new Answer(answer.statusCode(), answer.body());
    }

    private static int modelStatus(String model) {
        return send(HttpRequest.newBuilder(deployment.uri("/v1/models/" + model))
                .header("Authorization", FIRST.bearer()).GET().build()).statusCode();
    }

    private static HttpResponse<String> chat(String model) {
        return send(HttpRequest.newBuilder(deployment.uri("/v1/chat/completions"))
                .header("Authorization", FIRST.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
