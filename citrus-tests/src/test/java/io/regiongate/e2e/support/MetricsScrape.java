package io.regiongate.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What a Prometheus server scraping a runtime's admin listener gets: {@code GET /metrics} with the admin token. */
public final class MetricsScrape {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private MetricsScrape() {
    }

    /** The metrics in Prometheus' text format; the scrape must succeed. */
    public static String of(GatewayProcess gateway, String adminToken) {
        try {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(gateway.adminUri("/metrics"))
                    .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET /metrics").isEqualTo(200);
            return answer.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
