package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's first command as a newcomer runs it: the jar with no configuration at all (embedded
 * default: simulated upstream, demo tenants, embedded Hazelcast member, audit journal on disk). The
 * curl line it prints must work as printed, plain and streaming.
 */
class EmbeddedDefaultIT {

    private static final Pattern PRINTED_CURL = Pattern.compile(
            "curl -s (\\S+) -H 'Authorization: Bearer (\\S+)' -H 'Content-Type: application/json' -d '(\\{.*\\})'");

    @RegisterExtension
    static final Deployment deployment = Deployment.embeddedDefault("embedded-default");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thePrintedCurlGetsACompletionFromTheSimulatedUpstream() throws Exception {
        // given the banner the runtime printed
        Matcher curl = printedCurl();

        // when the printed request is sent as printed
        HttpResponse<String> answer = client.send(request(curl.group(1), curl.group(2), curl.group(3)),
                HttpResponse.BodyHandlers.ofString());

        // then it is a chat completion with a usage block, served in eu-west-1
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"object\":\"chat.completion\"", "\"usage\"", "simulated upstream");
        assertThat(answer.headers().firstValue("X-RegionGate-Region")).hasValue("eu-west-1");
        assertThat(answer.headers().firstValue("X-RegionGate-Upstream")).hasValue("eu-west-1-sim");
    }

    @Test
    void thePrintedCurlWithStreamTrueStreamsTokensOneByOne() throws Exception {
        Matcher curl = printedCurl();
        String streaming = curl.group(3).replaceFirst("\\{", "{\"stream\":true,");

        HttpResponse<java.util.stream.Stream<String>> answer = client.send(
                request(curl.group(1), curl.group(2), streaming), HttpResponse.BodyHandlers.ofLines());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = answer.body().filter(line -> line.startsWith("data: ")).toList();
        assertThat(events.size()).as("one event per word, then [DONE]").isGreaterThan(5);
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
    }

    @Test
    void readinessNamesTheRegionAndItsEmbeddedQuotaMember() throws Exception {
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(deployment.gateway().adminUri("/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"region\":\"eu-west-1\"", "\"mode\":\"embedded\"", "\"state\":\"up\"");
    }

    private static Matcher printedCurl() {
        Poll.require(Duration.ofSeconds(10), () -> PRINTED_CURL.matcher(deployment.gateway().output()).find(),
                () -> "no curl line in the banner:\n" + deployment.gateway().output());
        Matcher curl = PRINTED_CURL.matcher(deployment.gateway().output());
        assertThat(curl.find()).isTrue();
        return curl;
    }

    private static HttpRequest request(String url, String key, String json) throws IOException {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }
}
