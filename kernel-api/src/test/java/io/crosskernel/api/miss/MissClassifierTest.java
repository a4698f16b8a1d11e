package io.crosskernel.api.miss;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.hiccup.Intervals;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MissClassifierTest {
    private static Intervals one(long from, long to) {
        return Intervals.of(new long[] {from}, new long[] {to});
    }

    @Test
    void eachCauseWhenOnlyItsEvidenceHolds() {
        assertThat(MissClassifier.classify(100, 200, false, one(150, 160), Intervals.NONE))
                .isEqualTo(MissCause.COLLECTOR);
        assertThat(MissClassifier.classify(100, 200, false, Intervals.NONE, one(90, 100)))
                .isEqualTo(MissCause.PLATFORM);
        assertThat(MissClassifier.classify(100, 200, true, Intervals.NONE, Intervals.NONE))
                .isEqualTo(MissCause.OVERRUN);
        assertThat(MissClassifier.classify(100, 200, false, one(0, 99), one(201, 300)))
                .isEqualTo(MissCause.SCHEDULING);
    }

    @Test
    void aPauseDuringTheJobOutranksItsOverrun() {
        assertThat(MissClassifier.classify(100, 200, true, Intervals.NONE, one(180, 190)))
                .isEqualTo(MissCause.PLATFORM);
        assertThat(MissClassifier.classify(100, 200, true, one(180, 190), one(180, 190)))
                .isEqualTo(MissCause.COLLECTOR);
    }

    @Test
    void missLogKeepsTheNewestRecordsAndCountsTheRest() {
        MissLog log = new MissLog();
        log.nameTasks(List.of("control"));
        for (int i = 0; i < MissLog.CAPACITY + 3; i++) {
            log.record(MissKind.TASK, 0, i, i + 1, i + 2, i + 1, i % 2 == 0);
        }
        assertThat(log.recorded()).isEqualTo(MissLog.CAPACITY + 3);
        assertThat(log.dropped()).isEqualTo(3);
        List<Miss> misses = log.misses();
        assertThat(misses).hasSize(MissLog.CAPACITY);
        assertThat(misses.get(0)).isEqualTo(new Miss(MissKind.TASK, 0, 3, 4, 5, 4, false));
        assertThat(log.taskNames()).containsExactly("control");
    }

    /**
     * Every combination of evidence: exactly one cause, and it is the first in precedence order whose evidence
     * overlaps the miss's window [release, finish].
     */
    @Property
    void theCauseIsTheHighestPrecedenceOneWhoseEvidenceHolds(@ForAll @IntRange(max = 500) int release,
            @ForAll @IntRange(max = 500) int length, @ForAll boolean overran,
            @ForAll @IntRange(max = 1200) int gcFrom, @ForAll @IntRange(max = 100) int gcLength,
            @ForAll boolean anyGc, @ForAll @IntRange(max = 1200) int hiccupFrom,
            @ForAll @IntRange(max = 100) int hiccupLength, @ForAll boolean anyHiccup) {
        long finish = release + length;
        Intervals gc = anyGc ? one(gcFrom, gcFrom + gcLength) : Intervals.NONE;
        Intervals hiccups = anyHiccup ? one(hiccupFrom, hiccupFrom + hiccupLength) : Intervals.NONE;
        boolean gcHolds = anyGc && gcFrom <= finish && gcFrom + gcLength >= release;
        boolean hiccupHolds = anyHiccup && hiccupFrom <= finish && hiccupFrom + hiccupLength >= release;
        boolean[] evidence = {gcHolds, hiccupHolds, overran, true};

        MissCause cause = MissClassifier.classify(release, finish, overran, gc, hiccups);

        int expected = 0;
        while (!evidence[expected]) {
            expected++;
        }
        assertThat(cause).isEqualTo(MissCause.values()[expected]);
        for (int higher = 0; higher < cause.ordinal(); higher++) {
            assertThat(evidence[higher]).as("no higher-precedence evidence than " + cause).isFalse();
        }
    }
}
