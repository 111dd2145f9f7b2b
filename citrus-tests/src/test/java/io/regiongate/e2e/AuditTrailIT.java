package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.actions.ReceiveMessageAction.Builder.receive;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.AuditTopic;
import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.client.HttpClientBuilder;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.kafka.endpoint.KafkaEndpoint;
import org.citrusframework.kafka.endpoint.KafkaEndpointBuilder;
import org.citrusframework.message.MessageType;
import org.citrusframework.variable.MessageHeaderVariableExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpStatus;

/**
 * Every request leaves exactly one audit record on the region's Kafka topic, with the fields an
 * auditor relies on: who, which model and upstream, where it ran, how it ended, the upstream's
 * usage, and hashes (never the text) of prompt and completion. The topic's chain verifies.
 */
@CitrusSupport
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String TOPIC = "regiongate.audit.eu-west-1";
    private static final String UPSTREAM_ID = "eu-openai-primary";
    private static final int GATEWAY_PORT = FreePorts.next();
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

    private static KraftBroker broker;
    private static ScriptedUpstream vendor;
    private static GatewayProcess gateway;
    private static KafkaEndpoint auditTopic;
    private static final HttpClient gatewayClient = new HttpClientBuilder()
            .requestUrl("http://127.0.0.1:" + GATEWAY_PORT)
            .timeout(15_000)
            .build();

    @BeforeAll
    static void startBrokerUpstreamAndGateway() {
        broker = KraftBroker.start(Path.of("target", "e2e", "audit-trail-kafka"));
        // a fresh topic: the trail starts afresh too (no writer state of an earlier run to continue)
        AuditFiles.clear(AuditFiles.directory("audit-trail"));
        vendor = ScriptedUpstream.start();
        vendor.endpoint("whole", ScriptedUpstream.answering(200, ANSWER, Map.of()));
        vendor.endpoint("stream", ScriptedUpstream.endingWithoutDone(STREAM));
        gateway = GatewayProcess.start("audit-trail", GatewayConfigFile.listeningOn(GATEWAY_PORT)
                .tenant(TENANT, "async", "hash")
                .openAiUpstream(UPSTREAM_ID, vendor.baseUrl("whole"), "EU_KEY", "sk-eu", List.of("gpt-4o"))
                .openAiUpstream("eu-streaming", vendor.baseUrl("stream"), "EU_KEY", "sk-eu", List.of("gpt-4o-stream"))
                .auditKafka(GatewayConfigFile.REGION, broker.bootstrapServers(), TOPIC));
        auditTopic = new KafkaEndpointBuilder()
                .server(broker.bootstrapServers())
                .topic(TOPIC)
                .consumerGroup("audit-trail-it")
                .offsetReset("earliest")
                .timeout(30_000)
                .build();
    }

    @AfterAll
    static void stopAll() {
        if (gateway != null) {
            gateway.close();
        }
        if (vendor != null) {
            vendor.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    @CitrusTest
    void aCompletionLeavesOneRecordWithTheUpstreamsUsageAndHashesOfItsContent(@CitrusResource TestCaseRunner runner) {
        runner.given(http().client(gatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", TENANT.bearer()).contentType("application/json")
                .body("{\"model\":\"gpt-4o\",\"messages\":" + PROMPT + "}"));
        runner.when(http().client(gatewayClient).receive().response(HttpStatus.OK)
                .message().extract(MessageHeaderVariableExtractor.Builder.fromHeaders().header("X-Request-Id", "requestId")));

        runner.then(receive(auditTopic).message().type(MessageType.JSON).body("""
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
                .message().extract(MessageHeaderVariableExtractor.Builder.fromHeaders().header("X-Request-Id", "requestId")));

        runner.then(receive(auditTopic).message().type(MessageType.JSON).body("""
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
    void eachRequestHasExactlyOneRecordAndTheTopicsChainVerifies() {
        Poll.require(Duration.ofSeconds(20), () -> AuditTopic.readAll(broker.bootstrapServers(), TOPIC).size() >= 2,
                () -> "the two records of the scenarios above on " + TOPIC);
        var records = AuditTopic.readAll(broker.bootstrapServers(), TOPIC);

        assertThat(AuditTopic.countByRequestId(records)).as("records per request id").hasSize(2).allSatisfy(
                (requestId, count) -> assertThat(count).isEqualTo(1));
        assertThat(records.toString()).as("no prompt or completion text on the topic")
                .doesNotContain("Tell me a secret").doesNotContain("stays in the EU");

        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(60),
                "audit", "verify", "--kafka", broker.bootstrapServers(), "--topic", TOPIC);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("OK: 2 records from 1 writer(s)");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
