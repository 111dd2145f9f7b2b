package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime's {@code GET /health/ready} answer as an operator or a load balancer reads it: the
 * status, the circuit-breaker state ({@code closed}, {@code open}, {@code half-open}) of each
 * upstream and peer, and the state of the region's quota cluster.
 */
public record Readiness(int status, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static Readiness of(GatewayProcess gateway) {
        HttpRequest request = HttpRequest.newBuilder(gateway.adminUri("/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Readiness(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the runtime says about its quota cluster ({@code state}, {@code members}, ...); empty
     * when it does not answer, so that a poll asks again.
     */
    public static JsonNode hazelcastOf(GatewayProcess gateway) {
        try {
            return of(gateway).body().path("hazelcast");
        } catch (UncheckedIOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The quota cluster's state, e.g. {@code up} or {@code down}; empty when the runtime does not answer. */
    public static String hazelcastState(GatewayProcess gateway) {
        return hazelcastOf(gateway).path("state").asText("");
    }

    /** How many members the runtime sees in its quota cluster; 0 when it does not answer. */
    public static int hazelcastMembers(GatewayProcess gateway) {
        return hazelcastOf(gateway).path("members").asInt(0);
    }

    /** The breaker state of a local upstream, or null when the answer does not list it. */
    public String upstreamBreaker(String upstreamId) {
        for (JsonNode upstream : body.path("upstreams")) {
            if (upstreamId.equals(upstream.path("id").asText())) {
                return upstream.path("breaker").asText(null);
            }
        }
        return null;
    }

    /** The breaker state of the peer runtime of {@code region}, or null when the answer does not list it. */
    /** The probe state ({@code healthy}, {@code unhealthy}, {@code unprobed}) of a local upstream. */
    public String upstreamProbe(String upstreamId) {
        for (JsonNode upstream : body.path("upstreams")) {
            if (upstreamId.equals(upstream.path("id").asText())) {
                return upstream.path("probe").asText();
            }
        }
        throw new AssertionError("no upstream " + upstreamId + " in " + body);
    }

    public String peerBreaker(String region) {
        for (JsonNode peer : body.path("peers")) {
            if (region.equals(peer.path("region").asText())) {
                return peer.path("breaker").asText(null);
            }
        }
        return null;
    }

    /** The ids of the upstreams this runtime lists (its own region's only). */
    public List<String> upstreamIds() {
        List<String> ids = new ArrayList<>();
        body.path("upstreams").forEach(upstream -> ids.add(upstream.path("id").asText()));
        return ids;
    }
}
