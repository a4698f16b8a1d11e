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
        // Released at 100, due at 190, finished at 200: 10 late.
        assertThat(MissClassifier.classify(100, 200, 190, false, one(150, 160), Intervals.NONE))
                .isEqualTo(MissCause.COLLECTOR);
        assertThat(MissClassifier.classify(100, 200, 190, false, Intervals.NONE, one(80, 110)))
                .isEqualTo(MissCause.PLATFORM);
        assertThat(MissClassifier.classify(100, 200, 190, true, Intervals.NONE, Intervals.NONE))
                .isEqualTo(MissCause.OVERRUN);
        assertThat(MissClassifier.classify(100, 200, 190, false, one(0, 99), one(201, 300)))
                .isEqualTo(MissCause.SCHEDULING);
    }

    @Test
    void aPauseDuringTheJobOutranksItsOverrun() {
        assertThat(MissClassifier.classify(100, 200, 190, true, Intervals.NONE, one(180, 190)))
                .isEqualTo(MissCause.PLATFORM);
        assertThat(MissClassifier.classify(100, 200, 190, true, one(180, 190), one(180, 190)))
                .isEqualTo(MissCause.COLLECTOR);
    }

    @Test
    void aPauseShorterThanTheLatenessDoesNotExplainTheMiss() {
        // 50 late; a 20 ns hiccup inside does not account for it: the kernel ran other work first.
        assertThat(MissClassifier.classify(100, 200, 150, false, one(120, 130), one(160, 180)))
                .isEqualTo(MissCause.SCHEDULING);
        // Two pauses together do.
        assertThat(MissClassifier.classify(100, 200, 150, false, Intervals.NONE,
                Intervals.of(new long[] {100, 160}, new long[] {130, 180}))).isEqualTo(MissCause.PLATFORM);
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

    private static long covered(long from, long to, long windowFrom, long windowTo) {
        return Math.max(0, Math.min(to, windowTo) - Math.max(from, windowFrom));
    }

    /**
     * Every combination of evidence: exactly one cause, and it is the first in precedence order whose evidence
     * covers at least as much of the miss's window [release, finish] as the miss was late.
     */
    @Property
    void theCauseIsTheHighestPrecedenceOneWhoseEvidenceHolds(@ForAll @IntRange(max = 500) int release,
            @ForAll @IntRange(min = 1, max = 500) int length, @ForAll @IntRange(min = 1, max = 500) int lateBy,
            @ForAll boolean overran,
            @ForAll @IntRange(max = 1200) int gcFrom, @ForAll @IntRange(max = 100) int gcLength,
            @ForAll boolean anyGc, @ForAll @IntRange(max = 1200) int hiccupFrom,
            @ForAll @IntRange(max = 100) int hiccupLength, @ForAll boolean anyHiccup) {
        long finish = release + length;
        long late = Math.min(lateBy, length);
        long deadline = finish - late;
        Intervals gc = anyGc ? one(gcFrom, gcFrom + gcLength) : Intervals.NONE;
        Intervals hiccups = anyHiccup ? one(hiccupFrom, hiccupFrom + hiccupLength) : Intervals.NONE;
        boolean gcHolds = anyGc && covered(gcFrom, gcFrom + gcLength, release, finish) >= late;
        boolean hiccupHolds = anyHiccup && covered(hiccupFrom, hiccupFrom + hiccupLength, release, finish) >= late;
        boolean[] evidence = {gcHolds, hiccupHolds, overran, true};

        MissCause cause = MissClassifier.classify(release, finish, deadline, overran, gc, hiccups);

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
