package dev.abacus.support.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the services start background threads: daemons (a stuck client never keeps a stopping JVM alive; each
 * owner stops its thread in its own close) with a name that says whose they are, for thread dumps.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** An unstarted daemon thread. */
    public static Thread of(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Daemon threads named {@code name}, {@code name-2}, {@code name-3}, ... for executors. */
    public static ThreadFactory factory(String name) {
        AtomicInteger created = new AtomicInteger();
        return body -> {
            int number = created.incrementAndGet();
            return of(number == 1 ? name : name + "-" + number, body);
        };
    }
}
