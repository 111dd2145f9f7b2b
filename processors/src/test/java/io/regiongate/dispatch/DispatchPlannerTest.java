package io.regiongate.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.api.GatewayException;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.failover.Regions;
import io.regiongate.residency.ResidencyDecision;
import io.regiongate.residency.ResidencyPolicy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DispatchPlannerTest {

    private final GatewayConfig config = Regions.euWest(null);
    private final DispatchPlanner planner = new DispatchPlanner(config, new UpstreamPlanner(new SplittableRandom(7)));
    private final ResidencyPolicy residency = new ResidencyPolicy(config);

    @Test
    void triesLocalUpstreamsByPriorityThenOnlyPeersInsideTheZoneForANeverTenant() {
        TenantConfig tenant = Regions.tenant("acme-eu", "eu", CrossBorder.NEVER);

        DispatchPlan plan = planner.plan(tenant, "gpt-4o", residency.decide(tenant, null, null, false));

        assertThat(plan.targets()).extracting(DispatchTarget::id)
                .containsExactly("eu-primary", "eu-secondary", "peer-eu-central-1");
        assertThat(plan.residencyExcludedTargets()).isTrue();
    }

    @Test
    void neverPlansAnUpstreamOfAnotherRegionDirectly() {
        TenantConfig tenant = Regions.tenant("globex", "us", CrossBorder.ALLOWED);

        DispatchPlan plan = planner.plan(tenant, "gpt-4o", residency.decide(tenant, null, null, false));

        assertThat(plan.targets()).extracting(DispatchTarget::id)
                .containsExactly("eu-primary", "eu-secondary", "peer-us-east-1", "peer-eu-central-1");
        assertThat(plan.residencyExcludedTargets()).isFalse();
    }

    @Test
    void pinsATenantThatMayNotBeServedHereToItsAllowedPeersOnly() {
        TenantConfig tenant = Regions.tenant("initech-us", "us", CrossBorder.NEVER);

        DispatchPlan plan = planner.plan(tenant, "gpt-4o", residency.decide(tenant, null, null, false));

        assertThat(plan.targets()).extracting(DispatchTarget::id).containsExactly("peer-us-east-1");
    }

    @Test
    void servesAForwardedRequestFromLocalUpstreamsOnly() {
        TenantConfig tenant = Regions.tenant("globex", "us", CrossBorder.ALLOWED);

        DispatchPlan plan = planner.plan(tenant, "gpt-4o", residency.decide(tenant, null, null, true));

        assertThat(plan.targets()).allMatch(target -> !target.isPeer());
    }

    @Test
    void refusesAForwardedRequestThatMayNotBeServedHereWithRegionUnavailable() {
        TenantConfig tenant = Regions.tenant("initech-us", "us", CrossBorder.NEVER);
        ResidencyDecision forwarded = residency.decide(tenant, null, null, true);

        assertThatThrownBy(() -> planner.plan(tenant, "gpt-4o", forwarded))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(503);
                    assertThat(e.error().code()).isEqualTo("region_unavailable");
                    assertThat(e.error().message()).contains("initech-us", "eu-west-1");
                });
    }

    @Test
    void aModelNoUpstreamServesAnywhereIsNotFoundNotUnavailable() {
        TenantConfig tenant = Regions.tenant("initech-us", "us", CrossBorder.NEVER);
        GatewayConfig noPeers = new GatewayConfig("eu-west-1", null, Regions.ZONES, config.upstreams(), null,
                null, null, null, null, "test");
        DispatchPlanner withoutPeers = new DispatchPlanner(noPeers, new UpstreamPlanner(new SplittableRandom(1)));

        assertThatThrownBy(() -> withoutPeers.plan(tenant, "gpt-9",
                new ResidencyPolicy(noPeers).decide(tenant, null, null, false)))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(404));
    }

    @Test
    void narrowingToTheHomeZoneDropsPeersOutsideIt() {
        TenantConfig tenant = Regions.tenant("globex", "us", CrossBorder.ALLOWED);

        DispatchPlan plan = planner.plan(tenant, "gpt-4o", residency.decide(tenant, "eu", null, false));

        assertThat(plan.targets()).extracting(DispatchTarget::region).allMatch(region -> region.startsWith("eu-"));
    }

    @Test
    void plansOnlyTheUpstreamsTheTenantMayUse() {
        TenantConfig tenant = new TenantConfig("initech", "0".repeat(64), "eu", CrossBorder.NEVER, null, null,
                java.util.List.of("eu-secondary"));

        DispatchPlan plan = planner.plan(tenant, "gpt-4o", residency.decide(tenant, null, null, false));

        assertThat(plan.targets()).extracting(DispatchTarget::id).startsWith("eu-secondary")
                .doesNotContain("eu-primary");
    }
}
