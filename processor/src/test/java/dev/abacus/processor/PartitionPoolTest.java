package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartitionPoolTest {

    private final PartitionPool pool = new PartitionPool("test");

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aPartitionsTasksRunInOrderOnOneThread() {
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Future<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int task = i;
            tasks.add(pool.submit(7, () -> {
                ran.add(task + "@" + Thread.currentThread().getName());
                return Thread.currentThread().getName();
            }));
        }
        tasks.forEach(task -> PartitionPool.await(task, RuntimeException::getMessage));

        assertThat(ran).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(ran.get(i)).isEqualTo(i + "@abacus-processor-test-p7");
        }
    }

    @Test
    void partitionsRunSideBySide() {
        CountDownLatch secondStarted = new CountDownLatch(1);
        // the first partition's task ends only once the second's has begun: run one after the other, it would time out
        Future<Boolean> first = pool.submit(0, () -> secondStarted.await(30, TimeUnit.SECONDS));
        Future<Boolean> second = pool.submit(1, () -> {
            secondStarted.countDown();
            return true;
        });

        assertThat(PartitionPool.await(first, e -> false)).isTrue();
        assertThat(PartitionPool.await(second, e -> false)).isTrue();
    }

    @Test
    void aFailedTaskAnswersWhatItThrew() {
        Future<String> failing = pool.submit(3, () -> {
            throw new IllegalArgumentException("bad record");
        });

        assertThat(PartitionPool.await(failing, RuntimeException::getMessage)).isEqualTo("bad record");
    }

    @Test
    void anInterruptedWaitStillWaitsForTheTaskAndLeavesTheThreadInterrupted() {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> task = pool.submit(2, () -> {
            release.await(30, TimeUnit.SECONDS);
            return "done";
        });
        Thread waiter = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            waiter.interrupt();
            release.countDown();
        });

        interrupter.start();
        String result = PartitionPool.await(task, RuntimeException::getMessage);

        assertThat(result).isEqualTo("done");
        assertThat(Thread.interrupted()).isTrue();
    }
}
