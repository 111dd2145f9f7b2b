package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a gateway's {@code /health/ready} says about its quota cluster. */
public final class ReadyState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReadyState() {
    }

    public static JsonNode hazelcast(GatewayProcess gateway) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("hazelcast");
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int members(GatewayProcess gateway) {
        return hazelcast(gateway).path("members").asInt(0);
    }

    public static String state(GatewayProcess gateway) {
        return hazelcast(gateway).path("state").asText("");
    }
}
