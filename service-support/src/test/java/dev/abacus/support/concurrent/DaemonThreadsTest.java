package dev.abacus.support.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void threadsAreUnstartedNamedDaemons() {
        Thread thread = DaemonThreads.of("abacus-test", () -> { });

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("abacus-test");
        assertThat(thread.getState()).isEqualTo(Thread.State.NEW);
    }

    @Test
    void aFactoryNumbersItsThreadsAfterTheFirst() {
        ThreadFactory factory = DaemonThreads.factory("abacus-send");

        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("abacus-send");
        Thread second = factory.newThread(() -> { });
        assertThat(second.getName()).isEqualTo("abacus-send-2");
        assertThat(second.isDaemon()).isTrue();
    }
}
