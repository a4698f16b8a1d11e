package io.crosskernel.api.hiccup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IntervalsTest {
    @Test
    void overlapIncludesTheEndsAndIgnoresIntervalsOutside() {
        Intervals set = Intervals.of(new long[] {100, 10, 50}, new long[] {120, 20, 50});
        assertThat(set.overlaps(0, 9)).isFalse();
        assertThat(set.overlaps(0, 10)).isTrue();
        assertThat(set.overlaps(20, 20)).isTrue();
        assertThat(set.overlaps(21, 49)).isFalse();
        assertThat(set.overlaps(50, 50)).isTrue();
        assertThat(set.overlaps(121, 500)).isFalse();
        assertThat(Intervals.NONE.overlaps(Long.MIN_VALUE, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aLongIntervalStartingEarlyIsFoundBehindShortOnes() {
        Intervals set = Intervals.of(new long[] {0, 10, 20}, new long[] {1_000, 11, 21});
        assertThat(set.overlaps(500, 600)).isTrue();
        assertThat(Intervals.union(List.of(set, Intervals.of(new long[] {2_000}, new long[] {2_001})))
                .overlaps(1_500, 2_000)).isTrue();
    }

    @Test
    void overlappingIntervalsAreMergedSoCoverageCountsEachInstantOnce() {
        Intervals set = Intervals.union(List.of(Intervals.of(new long[] {0, 100}, new long[] {50, 200}),
                Intervals.of(new long[] {40, 300}, new long[] {120, 310})));
        // [0, 50] and [40, 120] and [100, 200] chain into [0, 200]; [300, 310] stays apart.
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.coveredNanos(0, 1_000)).isEqualTo(200 + 10);
        assertThat(set.coveredNanos(110, 305)).isEqualTo(90 + 5);
        assertThat(set.coveredNanos(201, 299)).isZero();
    }

    /** The binary search agrees with a scan of every interval, and so does the coverage with a count of instants. */
    @Property
    void overlapsAgreesWithALinearScan(@ForAll @Size(max = 20) List<@IntRange(max = 1000) Integer> starts,
            @ForAll @Size(max = 20) List<@IntRange(max = 100) Integer> lengths,
            @ForAll @IntRange(max = 1100) int from, @ForAll @IntRange(max = 200) int length) {
        int n = Math.min(starts.size(), lengths.size());
        long[] s = new long[n];
        long[] e = new long[n];
        boolean expected = false;
        for (int i = 0; i < n; i++) {
            s[i] = starts.get(i);
            e[i] = s[i] + lengths.get(i);
            expected |= s[i] <= from + length && e[i] >= from;
        }
        Intervals set = Intervals.of(s, e);
        assertThat(set.overlaps(from, from + length)).isEqualTo(expected);
        // Coverage as the length of the union's intersection with [from, from + length]: count unit steps.
        long covered = 0;
        for (long t = from; t < from + length; t++) {
            for (int i = 0; i < n; i++) {
                if (s[i] <= t && t + 1 <= e[i]) {
                    covered++;
                    break;
                }
            }
        }
        assertThat(set.coveredNanos(from, from + length)).isEqualTo(covered);
    }
}
