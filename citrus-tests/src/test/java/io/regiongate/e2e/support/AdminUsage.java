package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What an operator reads from a runtime's {@code GET /admin/usage/{tenant}}: this region's quota
 * counters of one tenant, per limited window ({@code limit-name}, {@code unit}, {@code limit},
 * {@code used}, {@code remaining}, {@code resets-at}) and the admission counts by reason.
 */
public final class AdminUsage {

    /** The environment variable that enables the endpoint and holds its token. */
    public static final String ADMIN_TOKEN_ENV = "REGIONGATE_ADMIN_TOKEN";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** One answer of the endpoint: its status and body. */
    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The entry of {@code windows} named {@code limitName} (e.g. {@code tokens-per-day}). */
        public Optional<JsonNode> window(String limitName) {
            for (JsonNode window : json().path("windows")) {
                if (limitName.equals(window.path("limit-name").asText())) {
                    return Optional.of(window);
                }
            }
            return Optional.empty();
        }

        /** {@code used} of one window; fails when the window is not listed. */
        public long used(String limitName) {
            return window(limitName).orElseThrow(() -> new AssertionError("no window " + limitName + " in " + body))
                    .path("used").asLong();
        }

        /** {@code used} of the first window counting tokens (reservations of requests in flight included). */
        public long tokensUsed() {
            for (JsonNode window : json().path("windows")) {
                if ("tokens".equals(window.path("unit").asText())) {
                    return window.path("used").asLong();
                }
            }
            throw new AssertionError("no token window in " + body);
        }
    }

    private AdminUsage() {
    }

    /** {@code GET /admin/usage/{tenant}} with {@code Authorization: <authorization>}, or without it when null. */
    public static Answer get(GatewayProcess gateway, String tenant, String authorization) {
        return get(gateway.adminUri("/admin/usage/" + tenant), tenant, authorization);
    }

    /** The tenant's counters of RegionGate in a host Camel context, read with the admin token. */
    public static Answer of(CamelHost host, String tenant, String adminToken) {
        Answer answer = get(host.adminUri("/admin/usage/" + tenant), tenant, "Bearer " + adminToken);
        if (answer.status() != 200) {
            throw new AssertionError("GET /admin/usage/" + tenant + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    private static Answer get(java.net.URI usage, String tenant, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(usage)
                .timeout(Duration.ofSeconds(5))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET /admin/usage/" + tenant + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The tenant's counters read with the admin token; fails unless the answer is 200. */
    public static Answer of(GatewayProcess gateway, String tenant, String adminToken) {
        Answer answer = get(gateway, tenant, "Bearer " + adminToken);
        if (answer.status() != 200) {
            throw new AssertionError("GET /admin/usage/" + tenant + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /**
     * The tokens charged since {@code before} once a request's reservation was settled: polls until
     * the count is positive and below {@code reservationFloor} (the reservation is far above it).
     */
    public static long settledSince(GatewayProcess gateway, String tenant, String adminToken, long before,
                                    long reservationFloor) {
        long[] delta = {-1};
        Poll.require(Duration.ofSeconds(10), () -> {
            delta[0] = of(gateway, tenant, adminToken).tokensUsed() - before;
            return delta[0] > 0 && delta[0] < reservationFloor;
        }, () -> "the reservation was not settled; tokens counted since the request: " + delta[0]);
        return delta[0];
    }
}
