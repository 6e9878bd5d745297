package dev.abacus.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the runner when memory runs out: a thread that, like Kafka's request handlers, catches the
 * OutOfMemoryError and carries on holding what it has, while main waits as the runner's does. Started the way
 * {@link LocalMain#main} starts, through {@link ChildJvm}.
 */
public final class OutOfMemoryInAThread {

    private static volatile long caught;

    private OutOfMemoryInAThread() {}

    public static void main(String[] args) throws Exception {
        if (ChildJvm.needed()) {
            System.exit(new ChildJvm(OutOfMemoryInAThread.class).run(args));
            return;
        }
        Thread hog = new Thread(() -> {
            List<long[]> held = new ArrayList<>();
            while (true) {
                try {
                    held.add(new long[1 << 16]);
                } catch (OutOfMemoryError e) {
                    caught++;
                }
            }
        }, "hog");
        hog.start();
        new CountDownLatch(1).await();
    }
}
