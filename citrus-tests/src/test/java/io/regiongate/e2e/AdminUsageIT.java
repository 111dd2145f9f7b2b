package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static io.regiongate.e2e.support.OpenAiErrorShape.INVALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.AdminUsage;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /admin/usage/{tenant}} as an operator uses it: guarded by the admin token (401 without
 * it, 403 with a wrong one), 404 for a tenant the region does not know, and for a known tenant each
 * limit with what was used, what remains and when it resets. Two runtimes of different regions,
 * each with its own Hazelcast cluster, serve the same tenant: each region's endpoint shows only
 * its own region's traffic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUsageIT {

    /** Allowed everywhere, so that both regions serve it from their own upstreams. */
    private static final TestTenant GLOBEX = TestTenant.of("globex-us", "us");
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final long REQUESTS_PER_SECOND = 100;
    private static final long TOKENS_PER_MINUTE = 50_000;
    private static final long TOKENS_PER_DAY = 100_000;
    private static final long TOKENS_PER_MONTH = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each region's runtime in a Hazelcast cluster of its own, with the admin endpoint enabled. */
    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("admin-usage")
            .tenant(GLOBEX, "allowed")
            .quotas("{requests-per-second: " + REQUESTS_PER_SECOND + ", tokens-per-minute: " + TOKENS_PER_MINUTE
                    + ", tokens-per-day: " + TOKENS_PER_DAY + ", tokens-per-month: " + TOKENS_PER_MONTH + "}")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "counted in this region only")
            .adminToken(ADMIN_TOKEN);

    private final ChatClient gatewayClient = new ChatClient();

    @Test
    @Order(1)
    void refusesWithoutTheAdminTokenWith401() {
        AdminUsage.Answer answer = AdminUsage.get(deployment.eu(), GLOBEX.id(), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        OpenAiErrorShape.assertError(answer.body(), INVALID_REQUEST, "missing_admin_token", null);
    }

    @Test
    @Order(1)
    void refusesAWrongAdminTokenWith403() {
        AdminUsage.Answer wrong = AdminUsage.get(deployment.eu(), GLOBEX.id(), "Bearer not-" + ADMIN_TOKEN);
        // the tenant's own API key is no admin token either
        AdminUsage.Answer tenantKey = AdminUsage.get(deployment.eu(), GLOBEX.id(), GLOBEX.bearer());

        assertThat(wrong.status()).as(wrong.body()).isEqualTo(403);
        OpenAiErrorShape.assertError(wrong.body(), INVALID_REQUEST, "invalid_admin_token", null);
        assertThat(tenantKey.status()).as(tenantKey.body()).isEqualTo(403);
    }

    @Test
    @Order(1)
    void everyAdminReadAllowedOrNotIsInTheRegionsTrailWithoutTheToken() throws IOException {
        String tenant = "audited-" + UUID.randomUUID();
        AdminUsage.get(deployment.eu(), tenant, null);
        AdminUsage.get(deployment.eu(), tenant, "Bearer " + ADMIN_TOKEN);

        Path trail = deployment.eu().directory().resolve("data/audit/journal.jsonl");
        Poll.require(Duration.ofSeconds(10), () -> adminReadsOf(trail, tenant).size() == 2,
                () -> "admin reads of " + tenant + " in the trail: " + adminReadsOf(trail, tenant));
        assertThat(adminReadsOf(trail, tenant)).extracting(read -> read.path("admin_read").path("status").asInt())
                .containsExactlyInAnyOrder(401, 404);
        assertThat(adminReadsOf(trail, tenant)).allSatisfy(read -> assertThat(read.path("admin_read").path("path").asText())
                .endsWith("/admin/usage/" + tenant));
        assertThat(deployment.eu().filesContaining(ADMIN_TOKEN)).as("files holding the admin token").isEmpty();
    }

    private static List<JsonNode> adminReadsOf(Path trail, String tenant) {
        try {
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> reads = new ArrayList<>();
            for (String line : Files.readAllLines(trail)) {
                if (line.contains("\"kind\":\"admin_read\"") && line.contains(tenant)) {
                    reads.add(json.readTree(line));
                }
            }
            return reads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void answers404ForATenantTheRegionDoesNotKnow() {
        AdminUsage.Answer answer = AdminUsage.get(deployment.eu(), "no-such-tenant", "Bearer " + ADMIN_TOKEN);

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        OpenAiErrorShape.assertError(answer.body(), INVALID_REQUEST, "tenant_not_found", null);
    }

    @Test
    @Order(2)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void showsEachLimitWithWhatTheTenantUsedWhatRemainsAndWhenItResets() {
        // given three completions of the tenant in eu-west-1
        long tokens = 0;
        for (int i = 0; i < 3; i++) {
            tokens += totalTokens(complete(deployment.eu()));
        }

        // when an operator reads the tenant's usage there, once settled
        long expected = tokens;
        Poll.require(Duration.ofSeconds(10),
                () -> AdminUsage.of(deployment.eu(), GLOBEX.id(), ADMIN_TOKEN).used("tokens-per-day") == expected,
                () -> "tokens-per-day used should be " + expected + ": " + AdminUsage.of(deployment.eu(), GLOBEX.id(), ADMIN_TOKEN).body());
        AdminUsage.Answer usage = AdminUsage.of(deployment.eu(), GLOBEX.id(), ADMIN_TOKEN);
        JsonNode body = usage.json();

        // then it names tenant and region, and lists every limit with its unit, limit, used, remaining and reset
        assertThat(body.path("tenant").asText()).isEqualTo(GLOBEX.id());
        assertThat(body.path("region").asText()).isEqualTo(EU);
        Instant at = Instant.parse(body.path("at").asText());
        assertThat(body.path("windows")).extracting(window -> window.path("limit-name").asText())
                .containsExactlyInAnyOrder("requests-per-second", "tokens-per-minute", "tokens-per-day", "tokens-per-month");
        assertWindow(usage, "requests-per-second", "requests", REQUESTS_PER_SECOND,
                at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        assertWindow(usage, "tokens-per-minute", "tokens", TOKENS_PER_MINUTE,
                at.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
        assertWindow(usage, "tokens-per-day", "tokens", TOKENS_PER_DAY, at.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS));
        assertWindow(usage, "tokens-per-month", "tokens", TOKENS_PER_MONTH,
                LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(usage.used("tokens-per-day")).isEqualTo(tokens);
        assertThat(usage.used("tokens-per-month")).isEqualTo(tokens);
        assertThat(usage.used("tokens-per-minute")).as("a minute's share of the day").isBetween(0L, tokens);
        // and how many requests were admitted
        assertThat(body.path("admissions").path("admitted").asLong()).isEqualTo(3);
    }

    @Test
    @Order(3)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void showsOnlyItsOwnRegionsTraffic() {
        // given the tenant's traffic so far went to eu-west-1 only
        long euTokens = AdminUsage.of(deployment.eu(), GLOBEX.id(), ADMIN_TOKEN).used("tokens-per-day");
        assertThat(euTokens).as("eu-west-1 tokens-per-day used").isPositive();

        // then us-east-1, its own cluster, shows none of it
        AdminUsage.Answer usBefore = AdminUsage.of(deployment.us(), GLOBEX.id(), ADMIN_TOKEN);
        assertThat(usBefore.json().path("region").asText()).isEqualTo(US);
        assertThat(usBefore.json().path("windows")).as("us-east-1 windows: %s", usBefore.body())
                .hasSize(4).allSatisfy(window -> assertThat(window.path("used").asLong()).isZero());
        assertThat(usBefore.json().path("admissions").size()).as("us-east-1 admissions: %s", usBefore.body()).isZero();

        // when the tenant is served once in us-east-1
        long usTokens = totalTokens(complete(deployment.us()));

        // then us-east-1 counts exactly that, and eu-west-1's counters do not move
        Poll.require(Duration.ofSeconds(10),
                () -> AdminUsage.of(deployment.us(), GLOBEX.id(), ADMIN_TOKEN).used("tokens-per-day") == usTokens,
                () -> "us-east-1 tokens-per-day used should be " + usTokens + ": "
                        + AdminUsage.of(deployment.us(), GLOBEX.id(), ADMIN_TOKEN).body());
        assertThat(AdminUsage.of(deployment.us(), GLOBEX.id(), ADMIN_TOKEN).json().path("admissions").path("admitted").asLong())
                .isEqualTo(1);
        AdminUsage.Answer euAfter = AdminUsage.of(deployment.eu(), GLOBEX.id(), ADMIN_TOKEN);
        assertThat(euAfter.used("tokens-per-day")).as("eu-west-1 after us-east-1 traffic").isEqualTo(euTokens);
        assertThat(euAfter.json().path("admissions").path("admitted").asLong()).isEqualTo(3);
    }

    private HttpResponse<String> complete(GatewayProcess gateway) {
        HttpResponse<String> answer = gatewayClient.post(gateway.uri("/v1/chat/completions"), GLOBEX,
                VendorReplies.chatRequest("gpt-4o", "How much have I used?", false));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private static long totalTokens(HttpResponse<String> answer) {
        try {
            long total = JSON.readTree(answer.body()).path("usage").path("total_tokens").asLong(-1);
            assertThat(total).as("usage of %s", answer.body()).isPositive();
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertWindow(AdminUsage.Answer usage, String name, String unit, long limit, Instant resetsAt) {
        JsonNode window = usage.window(name).orElseThrow();
        assertThat(window.path("unit").asText()).as("%s unit", name).isEqualTo(unit);
        assertThat(window.path("limit").asLong()).as("%s limit", name).isEqualTo(limit);
        assertThat(window.path("remaining").asLong()).as("%s remaining", name)
                .isEqualTo(limit - window.path("used").asLong());
        assertThat(Instant.parse(window.path("resets-at").asText())).as("%s resets-at", name).isEqualTo(resetsAt);
    }
}
