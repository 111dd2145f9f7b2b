package io.regiongate.reload;

import java.util.List;

/**
 * What one reload did.
 *
 * @param status       {@value #APPLIED}, {@value #UNCHANGED} (no reloadable setting changed) or
 *                     {@value #REFUSED} (the new file did not validate: nothing of it applies)
 * @param source       the file(s) read
 * @param generation   the generation running afterwards
 * @param changed      the reloadable settings applied
 * @param needsRestart settings the file changes that take effect only at the next start
 * @param problem      why it was refused (file, key and problem), or null
 */
public record ReloadOutcome(String status, String source, long generation, List<String> changed,
                            List<String> needsRestart, String problem) {

    public static final String APPLIED = "applied";
    public static final String UNCHANGED = "unchanged";
    public static final String REFUSED = "refused";

    public ReloadOutcome {
        changed = List.copyOf(changed);
        needsRestart = List.copyOf(needsRestart);
    }

    public static ReloadOutcome refused(String source, long generation, String problem) {
        return new ReloadOutcome(REFUSED, source, generation, List.of(), List.of(), problem);
    }

    public boolean wasRefused() {
        return REFUSED.equals(status);
    }
}
