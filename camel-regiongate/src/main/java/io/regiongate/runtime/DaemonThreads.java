package io.regiongate.runtime;

import java.util.concurrent.ThreadFactory;

/** Threads of the runtime's own background work, which must never keep the process alive. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory of daemon threads all called {@code name}. */
    static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
