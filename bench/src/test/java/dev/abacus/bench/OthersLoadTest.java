package dev.abacus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OthersLoadTest {

    @Test
    void readsTheStateAfterTheCommsLastParenthesis() {
        assertThat(OthersLoad.state("123 (a (b) c) R 1 123 123 0 -1 4194560 112 0 0 0 5 3 0 0 20 0 1 0")).isEqualTo('R');
        assertThat(OthersLoad.state("7 (kworker/u4:2-flush-8:0) D 2 0 0 0 -1 69238880")).isEqualTo('D');
        assertThat(OthersLoad.state("42 (x) R y) S 1 42")).isEqualTo('S');
        assertThat(OthersLoad.state("9 (my prog) I 2 0 0")).isEqualTo('I');
    }

    @Test
    void aLineWithoutAStateIsUnknown() {
        assertThat(OthersLoad.state("")).isEqualTo('?');
        assertThat(OthersLoad.state("123 (truncated")).isEqualTo('?');
        assertThat(OthersLoad.state("123 (name) ")).isEqualTo('?');
    }

    @Test
    void onlyRunnableAndUninterruptibleTasksCount() {
        assertThat(OthersLoad.busy('R')).isTrue();
        assertThat(OthersLoad.busy('D')).isTrue();
        for (char idle : "SIZTtXP?".toCharArray()) {
            assertThat(OthersLoad.busy(idle)).as("state %s", idle).isFalse();
        }
    }

    @Test
    void meansTheSamplesInsideTheWindow() {
        List<OthersLoad.Sample> samples = List.of(new OthersLoad.Sample(0, 4), new OthersLoad.Sample(100, 2),
                new OthersLoad.Sample(200, 1), new OthersLoad.Sample(300, 6));
        assertThat(OthersLoad.mean(samples, 0, 200)).isEqualTo(3.0);
        assertThat(OthersLoad.mean(samples, 200, 301)).isEqualTo(3.5);
        assertThat(OthersLoad.mean(samples, 400, 500)).isNaN();
        assertThat(OthersLoad.mean(List.of(new OthersLoad.Sample(Long.MAX_VALUE, 2), new OthersLoad.Sample(Long.MIN_VALUE, 4)),
                Long.MAX_VALUE - 1, Long.MIN_VALUE + 1)).as("nanoTime wraps").isEqualTo(3.0);
    }
}
