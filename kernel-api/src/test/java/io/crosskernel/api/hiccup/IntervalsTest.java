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

    /** The binary search agrees with a scan of every interval. */
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
        assertThat(Intervals.of(s, e).overlaps(from, from + length)).isEqualTo(expected);
    }
}
