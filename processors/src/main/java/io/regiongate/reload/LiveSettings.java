package io.regiongate.reload;

import io.regiongate.config.GatewayConfig;
import java.util.Objects;

/** The region's current {@link RegionSettings}, replaced whole by a reload. */
public final class LiveSettings {

    private volatile RegionSettings current;

    public LiveSettings(RegionSettings initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public RegionSettings current() {
        return current;
    }

    public GatewayConfig config() {
        return current.config();
    }

    public void replace(RegionSettings next) {
        current = Objects.requireNonNull(next);
    }
}
