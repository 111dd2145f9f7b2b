package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile;
import io.regiongate.e2e.support.GatewayProcess;
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
        int port = FreePorts.next();
        GatewayConfigFile config = GatewayConfigFile.listeningOn(port)
                .tenant(TestTenant.acmeEu())
                .simulatedUpstream("eu-sim", List.of("gpt-4o"), Duration.ofMillis(10), "hi")
                .auditKafka("us-east-1", "kafka.us-east-1.internal:9092", "regiongate.audit.us-east-1");

        assertThatThrownBy(() -> GatewayProcess.start("audit-region-refusal", config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 2 before it was ready")
                .hasMessageContaining("audit.endpoints[0].region")
                .hasMessageContaining("declared for region 'us-east-1' but this runtime is 'eu-west-1'")
                .hasMessageContaining("audit records never leave their region");
    }
}
