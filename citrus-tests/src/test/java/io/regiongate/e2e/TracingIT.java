package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A traced request: the gateway continues the client's W3C trace and sends its spans over OTLP to
 * the collector of its region, with the model and the token usage, never the prompt. (The
 * collector here records the OTLP/HTTP bodies as sent; protobuf keeps strings and ids as bytes.)
 */
class TracingIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String TRACE_ID = HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "")
            .getBytes(StandardCharsets.US_ASCII), 0, 16);
    private static final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private static final int COLLECTOR_PORT = FreePorts.next();

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("tracing")
            .dependency(TracingIT::startCollector)
            .configure(config -> config.telemetry("{otlp: {endpoint: \"http://127.0.0.1:" + COLLECTOR_PORT
                    + "/v1/traces\", region: eu-west-1}}"))
            .tenant(TENANT)
            .configure(config -> config.simulatedUpstream("eu-sim", List.of("gpt-4o"), Duration.ofMillis(1),
                    "a traced answer"));

    /** The region's OTLP/HTTP collector: it keeps every body it receives. */
    private static AutoCloseable startCollector() {
        try {
            HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", COLLECTOR_PORT), 0);
            collector.createContext("/v1/traces", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                synchronized (received) {
                    received.write(body);
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            collector.start();
            return () -> collector.stop(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the collector", e);
        }
    }

    @Test
    void theSpanContinuesTheClientsTraceWithModelAndUsageAndNoContent() {
        String marker = "traced-secret-" + UUID.randomUUID();
        HttpResponse<String> answer = new ChatClient().post(deployment.uri("/v1/chat/completions"), TENANT,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + "\"}]}",
                Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        assertThat(answer.statusCode()).isEqualTo(200);
        String requestId = ChatClient.header(answer, "X-Request-Id");
        byte[] traceId = HexFormat.of().parseHex(TRACE_ID);

        Poll.require(Duration.ofSeconds(30), () -> contains(spans(), traceId) && contains(spans(), bytes(requestId)),
                () -> "no span of trace " + TRACE_ID + " reached the collector (" + spans().length + " bytes received)");

        byte[] spans = spans();
        assertThat(contains(spans, bytes("gen_ai.request.model"))).isTrue();
        assertThat(contains(spans, bytes("gpt-4o"))).isTrue();
        assertThat(contains(spans, bytes("gen_ai.usage.input_tokens"))).isTrue();
        assertThat(contains(spans, bytes("gen_ai.usage.output_tokens"))).isTrue();
        assertThat(contains(spans, bytes("chat eu-sim"))).as("the upstream attempt's span").isTrue();
        assertThat(contains(spans, bytes(marker))).as("the prompt").isFalse();
        assertThat(contains(spans, bytes("a traced answer"))).as("the completion").isFalse();
        assertThat(contains(spans, bytes(TENANT.apiKey()))).as("the key").isFalse();
    }

    @Test
    void aCollectorOfAnotherRegionRefusesStart() {
        Deployment elsewhere = Deployment.oneRegion("tracing-elsewhere").tenant(TENANT)
                .configure(config -> config.telemetry(
                        "{otlp: {endpoint: \"http://collector.us-east-1.internal:4318/v1/traces\", region: us-east-1}}"))
                .configure(config -> config.simulatedUpstream("eu-sim", List.of("gpt-4o"), Duration.ofMillis(1), "x"));

        assertThatThrownBy(elsewhere::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 2 before it was ready")
                .hasMessageContaining("telemetry.otlp.region")
                .hasMessageContaining("another region's");
    }

    private static byte[] spans() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
