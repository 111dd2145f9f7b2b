package io.regiongate.e2e.support;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.citrusframework.exceptions.ValidationException;
import org.citrusframework.message.Message;
import org.citrusframework.variable.VariableExtractor;
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

    /**
     * A Citrus HTTP client of {@code baseUrl} named by role, e.g. {@code euGatewayClient}. Clients
     * used in one scenario need names of their own: Citrus pairs a client's answer with its request
     * by the client's name.
     */
    public static org.citrusframework.http.client.HttpClient citrus(String name, String baseUrl) {
        JdkClientHttpRequestFactory once = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
        once.setReadTimeout(Duration.ofSeconds(20));
        return new HttpClientBuilder()
                .requestUrl(baseUrl)
                .requestFactory(once)
                .timeout(20_000)
                .name(name)
                .build();
    }

    /**
     * Stores a header of the received answer in a test variable, finding it by case-insensitive
     * name (this client hands header names on as the JDK's HTTP client spells them: lower case).
     */
    public static VariableExtractor headerVariable(String name, String variable) {
        return (message, context) -> {
            Object value = header(message, name);
            if (value == null) {
                throw new ValidationException("no header " + name + " in " + message.getHeaders().keySet());
            }
            context.setVariable(variable, value);
        };
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
