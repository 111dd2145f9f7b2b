package io.regiongate.reload;

import io.regiongate.config.GatewayConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a newly loaded configuration changes against the running one. Only {@link #RELOADABLE}
 * settings take effect without a restart; the others keep their running values, and those the new
 * file changes are named in {@link #needsRestart()}.
 *
 * @param applied      the running configuration with the new file's reloadable settings
 * @param changed      the reloadable settings whose value changed, e.g. {@code tenants}
 * @param needsRestart the other settings whose value changed, e.g. {@code listen}: not applied
 */
public record ConfigChange(GatewayConfig applied, List<String> changed, List<String> needsRestart) {

    /** The top-level keys a reload applies. */
    public static final List<String> RELOADABLE = List.of("tenants", "upstreams", "redaction");

    private static final Map<String, Function<GatewayConfig, Object>> RESTART_ONLY = restartOnly();

    public ConfigChange {
        changed = List.copyOf(changed);
        needsRestart = List.copyOf(needsRestart);
    }

    public static ConfigChange between(GatewayConfig running, GatewayConfig loaded) {
        GatewayConfig applied = new GatewayConfig(running.region(), running.listen(), running.zones(),
                loaded.upstreams(), running.peers(), running.circuitBreakers(), loaded.tenants(), running.hazelcast(),
                running.audit(), running.probe(), running.telemetry(), running.admin(), loaded.redaction(),
                loaded.source());
        List<String> changed = new ArrayList<>();
        addIfChanged(changed, "tenants", running.tenants(), loaded.tenants());
        addIfChanged(changed, "upstreams", running.upstreams(), loaded.upstreams());
        addIfChanged(changed, "redaction", running.redaction(), loaded.redaction());
        List<String> needsRestart = new ArrayList<>();
        RESTART_ONLY.forEach((key, value) -> addIfChanged(needsRestart, key, value.apply(running), value.apply(loaded)));
        return new ConfigChange(applied, changed, needsRestart);
    }

    public boolean changesNothing() {
        return changed.isEmpty();
    }

    private static void addIfChanged(List<String> keys, String key, Object running, Object loaded) {
        if (!Objects.equals(running, loaded)) {
            keys.add(key);
        }
    }

    private static Map<String, Function<GatewayConfig, Object>> restartOnly() {
        Map<String, Function<GatewayConfig, Object>> keys = new LinkedHashMap<>();
        keys.put("region", GatewayConfig::region);
        keys.put("listen", GatewayConfig::listen);
        keys.put("zones", GatewayConfig::zones);
        keys.put("peers", GatewayConfig::peers);
        keys.put("circuit-breakers", GatewayConfig::circuitBreakers);
        keys.put("hazelcast", GatewayConfig::hazelcast);
        keys.put("audit", GatewayConfig::audit);
        keys.put("probe", GatewayConfig::probe);
        keys.put("telemetry", GatewayConfig::telemetry);
        keys.put("admin", GatewayConfig::admin);
        return keys;
    }
}
