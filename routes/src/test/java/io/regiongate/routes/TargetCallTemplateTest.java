package io.regiongate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.regiongate.api.ChatRequest;
import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call route made from the template: it prepares the request with the step it was given, calls
 * a whole answer over HTTP at the configured URL (a real socket here) and a stream through the
 * non-blocking streaming step, then hands the answer to the response step.
 */
class TargetCallTemplateTest {

    private static final String ROUTE = "upstream-a";

    private final RouteHarness harness = new RouteHarness();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer vendor;

    @BeforeEach
    void startVendor() throws Exception {
        vendor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendor.createContext("/v1/chat/completions", exchange -> {
            received.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        vendor.start();
        String url = "http://127.0.0.1:" + vendor.getAddress().getPort() + "/v1/chat/completions";
        harness.routes(new ApiErrorPolicy(), new TargetCallTemplate()).step(Steps.PREPARE_UPSTREAM_REQUEST, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getIn().setBody("{\"prepared\":true}");
        }).steps(Steps.CALL_STREAMING).step(Steps.UPSTREAM_RESPONSE, exchange ->
                received.add("status " + exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)));
        harness.start().fromTemplate(Endpoints.TARGET_CALL_TEMPLATE, ROUTE, Map.of(
                TargetCallTemplate.ENTRY, Endpoints.target(ROUTE),
                TargetCallTemplate.PREPARE_STEP, Steps.PREPARE_UPSTREAM_REQUEST,
                TargetCallTemplate.URL, url,
                TargetCallTemplate.CONNECT_TIMEOUT_MILLIS, "2000",
                TargetCallTemplate.RESPONSE_TIMEOUT_MILLIS, "2000"));
    }

    @AfterEach
    void stop() {
        harness.close();
        vendor.stop(0);
    }

    private static GatewayCall call(boolean stream) throws Exception {
        GatewayCall call = new GatewayCall("req_1", Instant.now(), null);
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree("{\"model\":\"m\",\"messages\":[]}");
        call.validated(new ChatRequest(body, "m", stream));
        return call;
    }

    @Test
    void aWholeAnswerIsFetchedOverHttpFromTheConfiguredUrlThenHandedToTheResponseStep() throws Exception {
        GatewayCall call = call(false);

        Exchange done = harness.send(Endpoints.target(ROUTE), exchange -> Calls.begin(exchange, call));

        assertThat(done.getException()).isNull();
        assertThat(harness.ran()).containsExactly(Steps.PREPARE_UPSTREAM_REQUEST, Steps.UPSTREAM_RESPONSE);
        assertThat(received).containsExactly("POST {\"prepared\":true}", "status 200");
    }

    @Test
    void aStreamIsCalledByTheStreamingStepNotOverCamelHttp() throws Exception {
        GatewayCall call = call(true);

        harness.send(Endpoints.target(ROUTE), exchange -> Calls.begin(exchange, call));

        assertThat(harness.ran()).containsExactly(Steps.PREPARE_UPSTREAM_REQUEST, Steps.CALL_STREAMING,
                Steps.UPSTREAM_RESPONSE);
        assertThat(received).containsExactly("status null");
    }
}
