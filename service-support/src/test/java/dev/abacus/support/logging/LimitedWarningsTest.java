package dev.abacus.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LimitedWarningsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LimitedWarnings warnings = new LimitedWarnings(3, 100, now::get);
    private final List<String> lines = new ArrayList<>();

    @Test
    void warnsUpToTheLimitPerWindowThenSaysHowManyItLeftOut() {
        for (int i = 0; i < 10; i++) {
            int n = i;
            warnings.warn(() -> lines.add("bad " + n), left -> lines.add(left + " left out"));
        }
        assertThat(lines).containsExactly("bad 0", "bad 1", "bad 2");

        now.addAndGet(101);
        warnings.warn(() -> lines.add("bad 10"), left -> lines.add(left + " left out"));
        assertThat(lines).containsExactly("bad 0", "bad 1", "bad 2", "7 left out", "bad 10");

        now.addAndGet(101);
        warnings.warn(() -> lines.add("bad 11"), left -> lines.add(left + " left out"));
        assertThat(lines).endsWith("bad 10", "bad 11");
    }
}
