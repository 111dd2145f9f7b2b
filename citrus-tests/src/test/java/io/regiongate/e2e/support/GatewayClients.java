package io.regiongate.e2e.support;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.citrusframework.message.Message;
import org.citrusframework.http.client.HttpClientBuilder;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Citrus clients of a gateway that send each request exactly once. The default request factory
 * (Apache HttpClient 5) silently repeats a request answered 503 or 429 after a pause, which would
 * hide a 503 from the scenario and count one client request twice at the upstream.
 */
public final class GatewayClients {

    private GatewayClients() {
    }

    /** A Citrus HTTP client named by role, e.g. {@code euGatewayClient}, for {@code baseUrl}. */
    public static org.citrusframework.http.client.HttpClient citrus(String baseUrl) {
        JdkClientHttpRequestFactory once = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
        once.setReadTimeout(Duration.ofSeconds(20));
        return new HttpClientBuilder()
                .requestUrl(baseUrl)
                .requestFactory(once)
                .timeout(20_000)
                .build();
    }

    /** A header of a message Citrus received, by case-insensitive name, or null when it is absent. */
    public static Object header(Message message, String name) {
        return message.getHeaders().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
