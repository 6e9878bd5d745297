package dev.abacus.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An OutOfMemoryError in any thread ends the process with a message, even where a thread catches it. */
class OutOfMemoryExitTest {

    @Test
    void outOfMemoryInAThreadThatCatchesItEndsTheProcessWithAMessage(@TempDir Path dir) throws Exception {
        try (RunnerProcess process = RunnerProcess.start(dir, List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"),
                OutOfMemoryInAThread.class)) {
            int status = process.awaitExit(Duration.ofSeconds(60));

            assertThat(status).isEqualTo(ChildJvm.OUT_OF_MEMORY_STATUS);
            assertThat(process.output())
                    .contains("Terminating due to java.lang.OutOfMemoryError")
                    .contains("Abacus ran out of memory (heap limit")
                    .contains("java -Xmx2g -jar local/target/abacus-local.jar");
        }
    }

    @Test
    void theChildGetsTheSameJvmArgumentsAndTheFlagUnlessTheJvmHasItOrADebugger() {
        assertThat(ChildJvm.needed(List.of("-Xmx256m"))).isTrue();
        assertThat(ChildJvm.needed(List.of("-Xmx256m", ChildJvm.EXIT_ON_OUT_OF_MEMORY))).isFalse();
        assertThat(ChildJvm.needed(List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"))).isFalse();

        List<String> command = new ChildJvm(LocalMain.class).command(List.of("-Xmx256m", "-Dx=1"),
                new String[] {"--port=0"});

        assertThat(command).containsSubsequence("-Xmx256m", "-Dx=1", ChildJvm.EXIT_ON_OUT_OF_MEMORY, "-cp",
                System.getProperty("java.class.path"), LocalMain.class.getName(), "--port=0");
        assertThat(command.get(0)).startsWith(System.getProperty("java.home"));
    }

    @Test
    void theChildGetsTheDefaultHeapAndMetaspaceLimitsUnlessTheUserChoseThem() {
        assertThat(ChildJvm.defaults(List.of("-Dx=1"))).containsExactly("-Xmx512m", "-XX:MaxMetaspaceSize=256m");
        assertThat(ChildJvm.defaults(List.of("-Xmx2g", "-XX:MaxMetaspaceSize=1g"))).isEmpty();
        assertThat(ChildJvm.defaults(List.of("-XX:MaxRAMPercentage=50"))).containsExactly("-XX:MaxMetaspaceSize=256m");
        assertThat(ChildJvm.defaults(List.of("-XX:MaxHeapSize=1g"))).containsExactly("-XX:MaxMetaspaceSize=256m");

        List<String> command = new ChildJvm(LocalMain.class).command(List.of("-Xmx1g"), new String[0]);

        assertThat(command).containsSubsequence("-XX:MaxMetaspaceSize=256m", "-Xmx1g", ChildJvm.EXIT_ON_OUT_OF_MEMORY)
                .doesNotContain("-Xmx512m");
        assertThat(ChildJvm.childMaxHeap(List.of())).isEqualTo(512L << 20);
    }
}
