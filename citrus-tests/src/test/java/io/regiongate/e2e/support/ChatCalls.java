package io.regiongate.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain chat completion calls for scenarios that send many: status and request id of each. */
public final class ChatCalls {

    /** What the client got. */
    public record Answer(int status, String requestId) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChatCalls() {
    }

    public static Answer complete(URI gateway, TestTenant tenant, String model) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", tenant.bearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("X-Request-Id").orElse(null));
        } catch (IOException e) {
            return new Answer(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null);
        }
    }
}
