package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.actions.ReceiveMessageAction.Builder.receive;
import static org.citrusframework.actions.ReceiveTimeoutAction.Builder.expectTimeout;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayClients;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.kafka.endpoint.KafkaEndpoint;
import org.citrusframework.message.MessageType;
import org.citrusframework.validation.ValidationProcessor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * Every request leaves exactly one audit record on the region's Kafka topic, with the fields an
 * auditor relies on: who, which model and upstream, where it ran, how it ended, the upstream's
 * usage, and hashes (never the text) of prompt and completion. The topic's chain verifies.
 *
 * <p>The scenarios receive the topic's records in order, one each, through a Citrus Kafka endpoint.
 */
@CitrusSupport
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String UPSTREAM_ID = "eu-openai-primary";
    private static final String PROMPT = "[{\"role\":\"user\",\"content\":\"Tell me a secret\"}]";
    private static final String ANSWER_TEXT = "A secret stays in the EU.";
    private static final String ANSWER = "{\"id\":\"chatcmpl-a\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + ANSWER_TEXT + "\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";
    private static final List<String> STREAM = List.of(
            "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"A secret\"}}]}\n\n",
            "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" stays in the EU.\"},\"finish_reason\":\"stop\"}]}\n\n",
            "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":13,\"completion_tokens\":5,\"total_tokens\":18}}\n\n",
            "data: [DONE]\n\n");

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-trail")
            .tenant(TENANT, "async", "hash")
            .upstream(Upstream.openAi(UPSTREAM_ID, EU), ScriptedUpstream.answering(200, ANSWER, Map.of()))
            .upstream(Upstream.openAi("eu-streaming", EU).models("gpt-4o-stream"), ScriptedUpstream.endingWithoutDone(STREAM))
            .auditToKafka();
    private static final KafkaEndpoint auditTopic = deployment.auditTopic();
    private static final HttpClient gatewayClient = deployment.client();

    @Test
    @Order(1)
    @CitrusTest
    void aCompletionLeavesOneRecordWithTheUpstreamsUsageAndHashesOfItsContent(@CitrusResource TestCaseRunner runner) {
        runner.given(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer()).contentType("application/json")
                .body("{\"model\":\"gpt-4o\",\"messages\":" + PROMPT + "}"));
        runner.when(http().client(gatewayClient).receive().response(HttpStatus.OK)
                .message().extract(GatewayClients.headerVariable("X-Request-Id", "requestId")));

        runner.then(receive(auditTopic).validate(withoutContentText()).message().type(MessageType.JSON).body("""
                {"schema_version":2,"request_id":"${requestId}",
                 "received_at":"@ignore@","completed_at":"@ignore@","latency_ms":"@ignore@",
                 "arrival_region":"eu-west-1","serving_region":"eu-west-1",
                 "tenant":"acme-eu","model":"gpt-4o","stream":false,"upstream":"eu-openai-primary",
                 "failover_hops":[],"residency":{"decision":"local","reason":"policy never: home zone eu only"},
                 "status":200,"completion":"complete",
                 "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18},
                 "content":{"policy":"hash","prompt_sha256":"%s","completion_sha256":"%s"},
                 "chain":{"writer":"@startsWith('eu-west-1/')@","seq":"@ignore@","prev":"@ignore@","hash":"@ignore@"}}
                """.formatted(sha256(PROMPT), sha256(ANSWER_TEXT))));
    }

    @Test
    @Order(2)
    @CitrusTest
    void aStreamLeavesOneRecordWithTheUsageOfItsLastChunk(@CitrusResource TestCaseRunner runner) {
        runner.given(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer()).contentType("application/json")
                .body("{\"model\":\"gpt-4o-stream\",\"stream\":true,\"messages\":" + PROMPT + "}"));
        runner.when(http().client(gatewayClient).receive().response(HttpStatus.OK)
                .message().extract(GatewayClients.headerVariable("X-Request-Id", "requestId")));

        runner.then(receive(auditTopic).validate(withoutContentText()).message().type(MessageType.JSON).body("""
                {"schema_version":2,"request_id":"${requestId}",
                 "received_at":"@ignore@","completed_at":"@ignore@","latency_ms":"@ignore@",
                 "arrival_region":"eu-west-1","serving_region":"eu-west-1",
                 "tenant":"acme-eu","model":"gpt-4o-stream","stream":true,"upstream":"eu-streaming",
                 "failover_hops":[],"residency":{"decision":"local","reason":"policy never: home zone eu only"},
                 "status":200,"completion":"complete",
                 "usage":{"prompt_tokens":13,"completion_tokens":5,"total_tokens":18},
                 "content":{"policy":"hash","prompt_sha256":"%s","completion_sha256":"%s"},
                 "chain":{"writer":"@startsWith('eu-west-1/')@","seq":"@ignore@","prev":"@ignore@","hash":"@ignore@"}}
                """.formatted(sha256(PROMPT), sha256(ANSWER_TEXT))));
    }

    @Test
    @Order(3)
    @CitrusTest
    void eachRequestHasExactlyOneRecordAndTheTopicsChainVerifies(@CitrusResource TestCaseRunner runner) {
        // given the records of the two requests above, received in order, each its request's
        // then no other record follows them
        runner.then(expectTimeout(auditTopic).timeout(5_000));

        // and the topic's chain verifies: those two records, from one writer
        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(60),
                "audit", "verify", "--kafka", deployment.broker().bootstrapServers(), "--topic", Deployment.auditTopicName(EU));
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("OK: 2 records from 1 writer(s)");
    }

    /** A record holds hashes of the prompt and completion, never their text. */
    private static ValidationProcessor withoutContentText() {
        return (message, context) -> assertThat(message.getPayload(String.class)).as("an audit record")
                .doesNotContain("Tell me a secret").doesNotContain("stays in the EU");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
