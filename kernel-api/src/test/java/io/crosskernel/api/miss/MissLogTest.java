package io.crosskernel.api.miss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MissLogTest {
    @Test
    void aGrowingLogKeepsExactlyWhatAPreallocatedOneKeepsAcrossItsGrowthAndWrap() {
        MissLog whole = new MissLog();
        MissLog growing = MissLog.growing();
        whole.nameTasks(List.of("control", "supervisor"));
        growing.nameTasks(List.of("control", "supervisor"));
        int misses = MissLog.CAPACITY + MissLog.CAPACITY / 2 + 5; // every doubling, then a wrap
        for (int i = 0; i < misses; i++) {
            long release = i * 1_000_000L;
            MissKind kind = i % 3 == 0 ? MissKind.ROUTE : MissKind.TASK;
            if (i % 5 == 0) {
                whole.markIdle(release - 10);
                growing.markIdle(release - 10);
            }
            whole.record(kind, i % 2, release, release + 5, release + 1_200_000, release + 1_000_000, i % 4 == 0);
            growing.record(kind, i % 2, release, release + 5, release + 1_200_000, release + 1_000_000, i % 4 == 0);
            if (i == 20) {
                assertThat(growing.misses()).hasSize(21).isEqualTo(whole.misses());
            }
        }

        assertThat(growing.misses()).hasSize(MissLog.CAPACITY).isEqualTo(whole.misses());
        assertThat(growing.dropped()).isEqualTo(whole.dropped()).isEqualTo(misses - MissLog.CAPACITY);
        assertThat(growing.taskMisses(0)).isEqualTo(whole.taskMisses(0));
        assertThat(growing.taskMisses(1)).isEqualTo(whole.taskMisses(1)).isPositive();
    }
}
