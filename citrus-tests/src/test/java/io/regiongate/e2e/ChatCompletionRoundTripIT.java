package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.TestTenant;
import java.util.Locale;
import java.util.UUID;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.actions.HttpServerRequestActionBuilder;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.message.HttpMessageHeaders;
import org.citrusframework.http.server.HttpServer;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * A chat completion goes through the gateway to the region's OpenAI-compatible upstream and back:
 * the prompt and every field the gateway does not know arrive unchanged, authenticated with the
 * gateway's own upstream key; the answer comes back naming the region and upstream that served it.
 */
@CitrusSupport
class ChatCompletionRoundTripIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final Upstream OPENAI_PRIMARY = Upstream.openAi("eu-openai-primary", EU).models("gpt-4o", "gpt-4o-mini");
    private static final String UPSTREAM_KEY = OPENAI_PRIMARY.key();

    private static final String SMALL_REQUEST = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String SMALL_ANSWER = "{\"id\":\"chatcmpl-e2e-2\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}]}";

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("chat-completion-round-trip")
            .tenant(TENANT)
            .citrusUpstream(OPENAI_PRIMARY);
    private static final HttpServer openAiUpstream = deployment.server(OPENAI_PRIMARY.id());
    private static final HttpClient gatewayClient = deployment.client();

    @Test
    @CitrusTest
    void relaysCompletionAndNamesRegionAndUpstream(@CitrusResource TestCaseRunner runner) {
        runner.variable("marker", "prompt-marker-" + UUID.randomUUID());
        String request = """
                {"model":"gpt-4o",
                 "messages":[{"role":"system","content":"Be brief."},
                             {"role":"user","content":"Say hello. ${marker}"}],
                 "temperature":0.2,
                 "x_vendor_extension":{"tags":["a","b"],"depth":{"n":7,"ok":true,"none":null}}}""";
        String answer = """
                {"id":"chatcmpl-e2e-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the EU upstream."},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":6,"total_tokens":18}}""";

        // given a client of the EU tenant asking for a completion (sent forked: it waits for its answer)
        runner.given(http().client(gatewayClient)
                .send()
                .post("/v1/chat/completions")
                .fork(true)
                .message()
                .header("Authorization", TENANT.bearer())
                .contentType("application/json")
                .body(request));

        // when the region's upstream receives the request: the same body, with the gateway's key
        HttpServerRequestActionBuilder upstreamReceives = http().server(openAiUpstream)
                .receive()
                .post("/v1/chat/completions")
                .process((message, context) -> assertThat(message.getHeaders().values())
                        .as("no header carries the client's key upstream")
                        .noneMatch(value -> String.valueOf(value).contains(TENANT.apiKey())));
        upstreamReceives.message()
                .type(MessageType.JSON)
                .header("Authorization", "Bearer " + UPSTREAM_KEY)
                .body(request);
        runner.when(upstreamReceives);

        // and it answers
        runner.when(http().server(openAiUpstream)
                .send()
                .response(HttpStatus.OK)
                .message()
                .contentType("application/json")
                .body(answer));

        // then the client gets the upstream's answer, naming the region and upstream that served it
        runner.then(http().client(gatewayClient)
                .receive()
                .response(HttpStatus.OK)
                .message()
                .type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .header("X-RegionGate-Upstream", OPENAI_PRIMARY.id())
                .header("X-Request-Id", "@notEmpty()@")
                .body(answer));
    }

    @Test
    @CitrusTest
    void dropsClientHeadersAndQueryOnTheWayUpstream(@CitrusResource TestCaseRunner runner) {
        // given a client that sends headers Camel or the vendor would act on, and a query string
        runner.given(http().client(gatewayClient)
                .send()
                .post("/v1/chat/completions")
                .queryParam("client-query", "leak")
                .fork(true)
                .message()
                .header("Authorization", TENANT.bearer())
                .header("CamelHttpUri", "http://127.0.0.1:9/hijack")
                .header("CamelHttpPath", "/hijack")
                .header("CamelHttpQuery", "camel-query=leak")
                .header("Cookie", "session=client-session")
                .header("OpenAI-Organization", "org-client")
                .header("X-Forwarded-For", "203.0.113.7")
                .contentType("application/json")
                .body(SMALL_REQUEST));

        // when the upstream receives the call: at its configured path, with none of it
        runner.when(http().server(openAiUpstream)
                .receive()
                .post("/v1/chat/completions")
                .process((message, context) -> {
                    assertThat(message.getHeaders().keySet()).as("headers the upstream received")
                            .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("camel"))
                            .noneMatch(name -> name.equalsIgnoreCase("Cookie"))
                            .noneMatch(name -> name.equalsIgnoreCase("OpenAI-Organization"))
                            .noneMatch(name -> name.equalsIgnoreCase("X-Forwarded-For"));
                    assertThat(String.valueOf(message.getHeader(HttpMessageHeaders.HTTP_QUERY_PARAMS)))
                            .as("query the upstream received")
                            .doesNotContain("leak");
                })
                .message()
                .header("Authorization", "Bearer " + UPSTREAM_KEY));
        runner.when(http().server(openAiUpstream).send().response(HttpStatus.OK)
                .message().contentType("application/json").body(SMALL_ANSWER));

        // then the client is served as usual
        runner.then(http().client(gatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON).body(SMALL_ANSWER));
    }

    @Test
    @CitrusTest
    void callsUpstreamAtItsConfiguredUrlWithoutQueryParameters(@CitrusResource TestCaseRunner runner) {
        runner.given(http().client(gatewayClient).send().post("/v1/chat/completions").fork(true)
                .message().header("Authorization", TENANT.bearer()).contentType("application/json").body(SMALL_REQUEST));

        runner.when(http().server(openAiUpstream)
                .receive()
                .post("/v1/chat/completions")
                .process((message, context) -> assertThat(message.getHeader(HttpMessageHeaders.HTTP_QUERY_PARAMS))
                        .as("query parameters on the upstream call")
                        .satisfiesAnyOf(query -> assertThat(query).isNull(),
                                query -> assertThat(String.valueOf(query)).isEmpty())));
        runner.when(http().server(openAiUpstream).send().response(HttpStatus.OK)
                .message().contentType("application/json").body(SMALL_ANSWER));

        runner.then(http().client(gatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON).body(SMALL_ANSWER));
    }
}
