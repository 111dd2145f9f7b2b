package io.regiongate.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.config.AdminConfig;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.ListenConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.failover.Regions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangeTest {

    private static final GatewayConfig RUNNING = config("running.yaml", ListenConfig.defaults(),
            List.of(Regions.tenant("acme", "eu", CrossBorder.NEVER)));

    @Test
    void tenantsAndUpstreamsApplyWhileTheListenerKeepsItsRunningValueAndIsNamedAsNeedingARestart() {
        ListenConfig otherPort = new ListenConfig("0.0.0.0", 9999, null, null, null, null, null, null);
        List<TenantConfig> twoTenants = List.of(Regions.tenant("acme", "eu", CrossBorder.NEVER),
                Regions.tenant("initech", "us", CrossBorder.ALLOWED));
        GatewayConfig loaded = config("new.yaml", otherPort, twoTenants);

        ConfigChange change = ConfigChange.between(RUNNING, loaded);

        assertThat(change.changed()).containsExactly("tenants");
        assertThat(change.needsRestart()).containsExactly("listen");
        assertThat(change.applied().tenants()).isEqualTo(twoTenants);
        assertThat(change.applied().listen()).isEqualTo(RUNNING.listen());
        assertThat(change.applied().source()).isEqualTo("new.yaml");
    }

    @Test
    void theSameSettingsChangeNothing() {
        GatewayConfig sameAgain = config("new.yaml", ListenConfig.defaults(), List.of(Regions.tenant("acme", "eu", CrossBorder.NEVER)));

        ConfigChange change = ConfigChange.between(RUNNING, sameAgain);

        assertThat(change.changesNothing()).isTrue();
        assertThat(change.needsRestart()).isEmpty();
    }

    @Test
    void everySettingButTheReloadableOnesNeedsARestart() {
        GatewayConfig otherAdmin = new GatewayConfig(RUNNING.region(), RUNNING.listen(), RUNNING.zones(),
                RUNNING.upstreams(), RUNNING.peers(), RUNNING.circuitBreakers(), RUNNING.tenants(), null, null, null,
                null, new AdminConfig(new AdminConfig.Listen("127.0.0.1", 9191), null), "new.yaml");

        ConfigChange change = ConfigChange.between(RUNNING, otherAdmin);

        assertThat(change.changesNothing()).isTrue();
        assertThat(change.needsRestart()).containsExactly("admin");
        assertThat(change.applied().admin()).isEqualTo(RUNNING.admin());
    }

    private static GatewayConfig config(String source, ListenConfig listen, List<TenantConfig> tenants) {
        return new GatewayConfig("eu-west-1", listen, Regions.ZONES,
                List.of(Regions.upstream("eu-primary", "eu-west-1", 1)), List.of(), Map.of(), tenants, null, null,
                null, null, null, source);
    }
}
