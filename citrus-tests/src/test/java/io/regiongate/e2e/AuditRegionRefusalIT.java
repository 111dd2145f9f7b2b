package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit records never leave their region: a runtime whose configuration declares an audit
 * endpoint for another region refuses to start, saying which key and why, before it serves
 * anything.
 */
class AuditRegionRefusalIT {

    @Test
    void refusesToStartWithAnAuditEndpointOfAnotherRegion() {
        // given an eu-west-1 runtime whose audit endpoint is declared for us-east-1
        try (Deployment deployment = Deployment.oneRegion("audit-region-refusal")
                .tenant(TestTenant.acmeEu())
                .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(10), "hi")
                .configure(config -> config.auditKafka(US, "kafka.us-east-1.internal:9092", "regiongate.audit.us-east-1"))) {

            // when it starts, then it refuses, naming the key and the rule
            assertThatThrownBy(deployment::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with code 2 before it was ready")
                    .hasMessageContaining("audit.endpoints[0].region")
                    .hasMessageContaining("declared for region 'us-east-1' but this runtime is 'eu-west-1'")
                    .hasMessageContaining("audit records never leave their region");
        }
    }
}
