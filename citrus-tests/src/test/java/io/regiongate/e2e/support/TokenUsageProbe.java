package io.regiongate.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The gateway's quota admin endpoint ({@code GET /admin/usage/{tenant}} with the admin token from
 * {@code REGIONGATE_ADMIN_TOKEN}): the tokens a tenant's token window has counted, and what a
 * request was charged once its reservation was settled.
 */
public final class TokenUsageProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final GatewayProcess gateway;
    private final String adminToken;

    public TokenUsageProbe(GatewayProcess gateway, String adminToken) {
        this.gateway = gateway;
        this.adminToken = adminToken;
    }

    /** Tokens counted in the tenant's first token window (reservations of requests in flight included). */
    public long tokensUsed(String tenant) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/admin/usage/" + tenant))
                    .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            for (JsonNode window : JSON.readTree(response.body()).path("windows")) {
                if ("tokens".equals(window.path("unit").asText())) {
                    return window.path("used").asLong();
                }
            }
            throw new AssertionError("no token window in " + response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The tokens charged since {@code before} once the request's reservation was settled: polls until
     * the count is positive and below {@code reservationFloor} (the reservation is far above it).
     */
    public long settledSince(String tenant, long before, long reservationFloor) {
        long[] delta = {-1};
        Poll.require(Duration.ofSeconds(10), () -> {
            delta[0] = tokensUsed(tenant) - before;
            return delta[0] > 0 && delta[0] < reservationFloor;
        }, () -> "the reservation was not settled; tokens counted since the request: " + delta[0]);
        return delta[0];
    }
}
