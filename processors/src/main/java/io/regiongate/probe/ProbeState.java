package io.regiongate.probe;

/**
 * One target's health as its active probes see it: healthy until {@code unhealthyAfter} probes in
 * a row fail, then unhealthy until {@code healthyAfter} probes in a row succeed. A target never
 * probed yet counts as healthy. Thread-safe: probes report from an event loop while requests read.
 */
public final class ProbeState {

    private final int unhealthyAfter;
    private final int healthyAfter;
    private int failuresInARow;
    private int successesInARow;
    private volatile boolean healthy = true;
    private volatile boolean probed;

    public ProbeState(int unhealthyAfter, int healthyAfter) {
        this.unhealthyAfter = unhealthyAfter;
        this.healthyAfter = healthyAfter;
    }

    /** @return true when the target's health changed with this probe */
    public synchronized boolean succeeded() {
        probed = true;
        failuresInARow = 0;
        successesInARow++;
        if (!healthy && successesInARow >= healthyAfter) {
            healthy = true;
            return true;
        }
        return false;
    }

    /** @return true when the target's health changed with this probe */
    public synchronized boolean failed() {
        probed = true;
        successesInARow = 0;
        failuresInARow++;
        if (healthy && failuresInARow >= unhealthyAfter) {
            healthy = false;
            return true;
        }
        return false;
    }

    public boolean healthy() {
        return healthy;
    }

    /** {@code healthy}, {@code unhealthy}, or {@code unprobed} before the first probe. */
    public String word() {
        if (!probed) {
            return "unprobed";
        }
        return healthy ? "healthy" : "unhealthy";
    }
}
