package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommitPacingTest {

    private static final long MS = 1_000_000;
    private static final int MAX_POLL = 100;
    private static final Duration POLL = Duration.ofMillis(200);

    private static CommitPacing pacing(long intervalMs, long lingerMs, long now) {
        ProcessorConfig config = ProcessorConfig.defaults("c", "e", "o").withMaxPollRecords(MAX_POLL)
                .withCommitInterval(Duration.ofMillis(intervalMs)).withCommitLinger(Duration.ofMillis(lingerMs));
        return new CommitPacing(config, now);
    }

    @Test
    void anIsolatedWriteCommitsAtOnce() {
        CommitPacing pacing = pacing(100, 10, 0);
        pacing.opened(MS);
        assertThat(pacing.due(MS, 1)).isTrue();
        assertThat(pacing.pollTimeout(MS, true, POLL)).isEqualTo(POLL);

        pacing.committed(2 * MS);
        pacing.opened(60_000 * MS);
        assertThat(pacing.due(60_000 * MS, 1)).isTrue();
    }

    @Test
    void underASteadyLoadATransactionStaysOpenForTheLingerAndThePollWaitsNoLonger() {
        CommitPacing pacing = pacing(100, 10, 0);
        pacing.committed(1_000 * MS);
        pacing.opened(1_002 * MS);
        assertThat(pacing.due(1_003 * MS, 5)).isFalse();
        assertThat(pacing.pollTimeout(1_003 * MS, true, POLL)).isEqualTo(Duration.ofMillis(9));
        assertThat(pacing.due(1_011 * MS, 5)).isFalse();
        assertThat(pacing.pollTimeout(1_011 * MS, true, POLL)).isEqualTo(Duration.ofMillis(1));
        assertThat(pacing.due(1_012 * MS, 0)).isTrue();
        assertThat(pacing.pollTimeout(1_013 * MS, true, POLL)).isZero();
        assertThat(pacing.pollTimeout(1_013 * MS, false, POLL)).isEqualTo(POLL);

        pacing.committed(1_020 * MS);
        pacing.opened(1_031 * MS);
        assertThat(pacing.due(1_031 * MS, 5)).as("opened a linger after the last commit ended: not steady").isTrue();
    }

    @Test
    void aFullPollKeepsTransactionsOpenUntilTheCommitIntervalWhateverTheLinger() {
        CommitPacing pacing = pacing(100, 10, 0);
        pacing.opened(1_000 * MS);
        assertThat(pacing.due(1_050 * MS, MAX_POLL)).isFalse();
        assertThat(pacing.due(1_100 * MS, MAX_POLL)).isTrue();
        assertThat(pacing.due(1_050 * MS, MAX_POLL - 1)).isTrue();
    }

    @Test
    void theCommitIntervalBoundsTheLingerAndZeroTurnsItOff() {
        CommitPacing bounded = pacing(20, 50, 0);
        bounded.committed(1_000 * MS);
        bounded.opened(1_001 * MS);
        assertThat(bounded.due(1_020 * MS, 5)).isFalse();
        assertThat(bounded.pollTimeout(1_020 * MS, true, POLL)).isEqualTo(Duration.ofMillis(1));
        assertThat(bounded.due(1_021 * MS, 5)).isTrue();

        CommitPacing off = pacing(100, 0, 0);
        off.committed(1_000 * MS);
        off.opened(1_000 * MS);
        assertThat(off.due(1_000 * MS, 5)).isTrue();
        assertThat(off.pollTimeout(1_000 * MS, true, POLL)).isEqualTo(POLL);

        CommitPacing everyPoll = pacing(0, 10, 0);
        everyPoll.committed(1_000 * MS);
        everyPoll.opened(1_001 * MS);
        assertThat(everyPoll.due(1_001 * MS, MAX_POLL)).isTrue();
    }
}
