package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.MetricsScrape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.Readiness;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A region whose audit trail falls behind asks to be routed around: with its broker away, records
 * go to the spool, and once the spool holds more than {@code audit.max-backlog-bytes} the region's
 * readiness is 503 naming the audit spool, and the metrics show the backlog; when the broker is
 * back and the spool delivered, it is ready again. Nothing is dropped meanwhile.
 */
class AuditBacklogReadinessIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final String REQUEST = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-backlog")
            .tenant(TENANT)
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "ok")
            .auditToKafka()
            .adminToken(ADMIN_TOKEN)
            // one record is more than this: a single spooled record puts the region over its limit
            .configure(config -> config.auditMaxBacklogBytes(64));

    private final ChatClient client = new ChatClient();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aSpoolOverItsLimitMakesTheRegionNotReadyUntilItIsDelivered() {
        assertThat(Readiness.of(deployment.gateway()).status()).isEqualTo(200);

        // given the region's broker gone
        deployment.broker().stop();

        // when a request is answered, its record cannot be delivered and goes to the spool
        assertThat(client.post(deployment.uri("/v1/chat/completions"), TENANT, REQUEST).statusCode()).isEqualTo(200);

        // then the region turns not ready, naming the audit spool, and the metrics show the backlog
        Poll.require(Duration.ofSeconds(30), () -> Readiness.of(deployment.gateway()).status() == 503,
                () -> "still ready: " + Readiness.of(deployment.gateway()).body());
        Readiness notReady = Readiness.of(deployment.gateway());
        assertThat(notReady.body().path("reason").asText()).contains("audit spool").contains("audit.max-backlog-bytes 64");
        assertThat(notReady.body().path("audit").path("backlog-bytes").asLong()).isGreaterThan(64);
        String metrics = MetricsScrape.of(deployment.gateway(), ADMIN_TOKEN);
        assertThat(metrics).containsPattern("regiongate_audit_records_total\\{outcome=\"spooled\",region=\"eu-west-1\"} [1-9]");
        assertThat(metrics).containsPattern("regiongate_audit_backlog_bytes\\{region=\"eu-west-1\"} [1-9]");
        assertThat(metrics).containsPattern("regiongate_audit_backlog_oldest_age_seconds\\{region=\"eu-west-1\"} (0\\.0*[1-9]|[1-9])");

        // when the broker is back, the spool is delivered and the region is ready again
        deployment.broker().restart();
        Poll.require(Duration.ofSeconds(60), () -> Readiness.of(deployment.gateway()).status() == 200,
                () -> "not ready again: " + Readiness.of(deployment.gateway()).body());
        assertThat(Readiness.of(deployment.gateway()).body().path("audit").path("backlog-bytes").asLong()).isZero();
    }
}
