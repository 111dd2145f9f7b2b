package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant rotates its key without a restart of anything: the old and the new key are both
 * accepted until the old one's {@code not-after}, after which it gets 401 {@code key_expired}; every
 * record names the key by its id, never by the key; the single {@code api-key-sha256} keeps working.
 */
class TenantKeysIT {

    private static final TestTenant EXPIRED = new TestTenant("initech", "eu", "rg-test-initech-expired");
    private static final TestTenant CURRENT = new TestTenant("initech", "eu", "rg-test-initech-current");
    private static final TestTenant NEXT = new TestTenant("initech", "eu", "rg-test-initech-next");
    private static final TestTenant SINGLE_KEY = TestTenant.of("acme", "eu");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("tenant-keys")
            .tenant(SINGLE_KEY, "async", "hash")
            .configure(file -> file.tenantWithKeys(CURRENT, List.of(
                    key("2026-q3", EXPIRED, NOW.minus(1, ChronoUnit.DAYS)),
                    key("2026-q4", CURRENT, NOW.plus(30, ChronoUnit.DAYS)),
                    "{id: 2027-q1, sha256: " + NEXT.apiKeySha256() + "}")))
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks")
            .jvmOptions("-Dregiongate.audit.refusals.interval-ms=1000");

    private static String key(String id, TestTenant holder, Instant notAfter) {
        return "{id: " + id + ", sha256: " + holder.apiKeySha256() + ", not-after: \"" + notAfter + "\"}";
    }

    @Test
    void everyCurrentKeyIsAnsweredAndItsRecordNamesTheKeyByItsId() {
        ChatCalls.Answer current = ChatCalls.complete(deployment.gateway().uri("/"), CURRENT, "gpt-4o");
        ChatCalls.Answer next = ChatCalls.complete(deployment.gateway().uri("/"), NEXT, "gpt-4o");
        ChatCalls.Answer single = ChatCalls.complete(deployment.gateway().uri("/"), SINGLE_KEY, "gpt-4o");

        assertThat(List.of(current.status(), next.status(), single.status())).containsOnly(200);
        assertThat(recordOf(current.requestId()).path("key_id").asText()).isEqualTo("2026-q4");
        assertThat(recordOf(next.requestId()).path("key_id").asText()).isEqualTo("2027-q1");
        assertThat(recordOf(single.requestId()).path("key_id").asText()).isEqualTo("default");
        assertThat(recordOf(current.requestId()).path("tenant").asText()).isEqualTo("initech");
        assertThat(deployment.gateway().filesContaining(CURRENT.apiKey())).as("files holding a raw key").isEmpty();
    }

    @Test
    void aKeyPastItsNotAfterIsRefusedAsExpiredAndCountedInTheRefusalSummary() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        deployment.gateway().uri("/v1/chat/completions"))
                .header("Authorization", EXPIRED.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        OpenAiErrorShape.assertError(refused.body(), OpenAiErrorShape.INVALID_REQUEST, "key_expired", null);
        assertThat(refused.body()).doesNotContain(EXPIRED.apiKey());
        Poll.require(Duration.ofSeconds(15), () -> refusalsCounted("key_expired") >= 1,
                () -> "a refusal summary counting key_expired");
    }

    private static JsonNode recordOf(String requestId) {
        return AuditFiles.recordOf(deployment.journal(), requestId);
    }

    private static long refusalsCounted(String reason) {
        return AuditFiles.lines(deployment.journal()).stream()
                .filter(record -> "refusals".equals(record.path("kind").asText()))
                .mapToLong(record -> record.path("refusals").path("counts").path(reason).asLong()).sum();
    }
}
