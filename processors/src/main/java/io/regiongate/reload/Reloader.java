package io.regiongate.reload;

/** Reads the configuration again and applies what may change without a restart. */
public interface Reloader {

    /** What triggered a reload: the admin endpoint or a change of the file. */
    enum Trigger { ADMIN, FILE }

    /**
     * @return what was applied, or why the new configuration was refused (the running one then stays)
     * @throws IllegalStateException when the configuration cannot change (a packaged resource)
     */
    ReloadOutcome reload(Trigger trigger);

    /** Whether the configuration comes from something that can change (a file). */
    boolean canReload();

    /** Where the configuration is read from, e.g. the file's path. */
    String source();
}
