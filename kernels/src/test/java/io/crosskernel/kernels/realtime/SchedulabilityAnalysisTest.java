package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.AdmissionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulabilityAnalysisTest {
    private static final long MS = 1_000_000;

    private static RtTask task(String name, long tMs, long cMs) {
        return RtTask.periodic(name, tMs * MS, cMs * MS);
    }

    @Test
    void admitsLiuLaylandWorstCaseForTwoTasksUnderRm() {
        // T2/T1 = √2, C1 = T2 - T1, C2 = 2 T1 - T2: U = 2(√2 - 1) ≈ 0.828 and task 2 finishes exactly at T1.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 1_000_000, 414_214),
                RtTask.periodic("b", 1_414_214, 585_786));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.PREEMPTIVE);
        assertThat(r.schedulable()).isTrue();
        assertThat(r.utilisation()).isCloseTo(2 * (Math.sqrt(2) - 1), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.verdict("b").wcrtNanos()).isEqualTo(1_000_000);
        // One more nanosecond of work for task b and it is pre-empted once more by a: 1.414215ms > 1.414214ms.
        List<RtTask> heavier = List.of(tasks.get(0), tasks.get(1).withCost(585_787 + 414_214));
        assertThat(SchedulabilityAnalysis.analyse(heavier, RtPolicy.RM, Preemption.PREEMPTIVE).schedulable())
                .isFalse();
    }

    @Test
    void classicRtaExampleHasResponseTimes3And6And20() {
        List<RtTask> tasks = List.of(task("a", 7, 3), task("b", 12, 3), task("c", 20, 5));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.PREEMPTIVE);
        assertThat(r.schedulable()).isTrue();
        assertThat(r.tasks()).extracting(TaskVerdict::wcrtNanos).containsExactly(3 * MS, 6 * MS, 20 * MS);
        assertThat(r.tasks()).allMatch(TaskVerdict::ok);
        assertThat(r.message()).startsWith("schedulable under rate-monotonic (preemptive): utilisation 0.929");
    }

    @Test
    void runToCompletionBlockingBreaksTheClassicExample() {
        // a is blocked by c's 5ms job started one nanosecond before a's release: 5ms - 1ns + 3ms > 7ms.
        List<RtTask> tasks = List.of(task("a", 7, 3), task("b", 12, 3), task("c", 20, 5));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.NON_PREEMPTIVE);
        assertThat(r.schedulable()).isFalse();
        assertThat(r.failingTask()).isEqualTo("a");
        assertThat(r.verdict("a").wcrtNanos()).isEqualTo(8 * MS - 1);
        assertThat(r.message()).contains("task 'a' (T=7ms C=3ms D=7ms) has worst-case response time 8ms"
                + " > deadline 7ms (including 5ms blocking by a lower-priority job");
    }

    @Test
    void setSchedulableUnderEdfButNotRm() {
        List<RtTask> tasks = List.of(task("a", 5, 2), task("b", 7, 4));
        AdmissionResult edf = SchedulabilityAnalysis.analyse(tasks, RtPolicy.EDF, Preemption.PREEMPTIVE);
        AdmissionResult rm = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.PREEMPTIVE);
        assertThat(edf.schedulable()).isTrue();
        assertThat(rm.schedulable()).isFalse();
        assertThat(rm.failingTask()).isEqualTo("b");
        assertThat(rm.verdict("a").wcrtNanos()).isEqualTo(2 * MS);
        assertThat(rm.verdict("b").wcrtNanos()).isEqualTo(8 * MS);
        assertThat(rm.verdict("b").ok()).isFalse();
        assertThat(rm.message()).isEqualTo("unschedulable under rate-monotonic (preemptive): utilisation 0.971"
                + " (97.1%); task 'b' (T=7ms C=4ms D=7ms) has worst-case response time 8ms > deadline 7ms");
    }

    @Test
    void harmonicSetAtFullUtilisationIsSchedulableUnderRm() {
        List<RtTask> tasks = List.of(task("a", 2, 1), task("b", 4, 1), task("c", 8, 2));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.PREEMPTIVE);
        assertThat(r.utilisation()).isEqualTo(1.0);
        assertThat(r.schedulable()).isTrue();
        assertThat(r.tasks()).extracting(TaskVerdict::wcrtNanos).containsExactly(1 * MS, 2 * MS, 8 * MS);
        assertThat(SchedulabilityAnalysis.analyse(tasks, RtPolicy.EDF, Preemption.PREEMPTIVE).schedulable())
                .isTrue();
    }

    @Test
    void rejectsUtilisationAboveOneUnderEveryPolicy() {
        List<RtTask> tasks = List.of(task("a", 10, 5), task("b", 20, 11));
        for (RtPolicy policy : RtPolicy.values()) {
            for (Preemption preemption : Preemption.values()) {
                AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, policy, preemption);
                assertThat(r.schedulable()).as("%s %s", policy, preemption).isFalse();
                assertThat(r.message()).contains("utilisation 1.050 (105.0%) > 1");
            }
        }
    }

    @Test
    void utilisationIsComparedWithOneExactly() {
        // 1/3 + 1/3 + 1/3 is 1 exactly, though not in floating point.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 3, 1), RtTask.periodic("b", 3, 1),
                RtTask.periodic("c", 3, 1));
        assertThat(SchedulabilityAnalysis.analyse(tasks, RtPolicy.EDF, Preemption.PREEMPTIVE).schedulable())
                .isTrue();
        List<RtTask> over = List.of(RtTask.periodic("a", 3_000_000, 1_000_000),
                RtTask.periodic("b", 3_000_000, 1_000_000), RtTask.periodic("c", 3_000_000, 1_000_001));
        assertThat(SchedulabilityAnalysis.analyse(over, RtPolicy.EDF, Preemption.PREEMPTIVE).schedulable())
                .isFalse();
    }

    @Test
    void constrainedDeadlinesFailEdfDemandBelowFullUtilisation() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 10 * MS, 3 * MS, 4 * MS),
                RtTask.periodic("b", 10 * MS, 3 * MS, 5 * MS), RtTask.periodic("c", 20 * MS, 2 * MS, 20 * MS));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.EDF, Preemption.PREEMPTIVE);
        assertThat(r.utilisation()).isLessThan(1);
        assertThat(r.schedulable()).isFalse();
        assertThat(r.failingTask()).isEqualTo("b");
        assertThat(r.verdict("b").ok()).isFalse();
        assertThat(r.verdict("a").ok()).isTrue();
        assertThat(r.message()).isEqualTo("unschedulable under earliest-deadline-first (preemptive): utilisation"
                + " 0.700 (70.0%); demand 6ms exceeds 5ms at t=5ms, a deadline of task 'b' (T=10ms C=3ms D=5ms)");
    }

    @Test
    void constrainedDeadlinesPassEdfDemandWhenTheyFit() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 10 * MS, 3 * MS, 4 * MS),
                RtTask.periodic("b", 10 * MS, 3 * MS, 7 * MS), RtTask.periodic("c", 20 * MS, 5 * MS, 15 * MS));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.EDF, Preemption.PREEMPTIVE);
        assertThat(r.schedulable()).as(r.message()).isTrue();
        assertThat(r.tasks()).allMatch(v -> v.wcrtNanos() == -1 && v.ok());
    }

    @Test
    void nonPreemptiveEdfAccountsForALaterDeadlineJobStartedJustBefore() {
        // Preemptive EDF admits (U = 0.971 <= 1); but b's 4ms job may start 1ns before a's release, and a then
        // finishes 2ms later: demand 2ms + blocking (4ms - 1ns) > 5ms.
        List<RtTask> tasks = List.of(task("a", 5, 2), task("b", 7, 4));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.EDF, Preemption.NON_PREEMPTIVE);
        assertThat(r.schedulable()).isFalse();
        assertThat(r.failingTask()).isEqualTo("a");
        assertThat(r.message()).contains("demand 2ms plus 4ms blocking by a later-deadline job exceeds 5ms at t=5ms");
        // With b's job short enough to fit in a's slack it is admitted (Jeffay et al.: 3ms + 2ms <= 5ms).
        List<RtTask> fits = List.of(task("a", 5, 2), RtTask.periodic("b", 7 * MS, 3 * MS + 1));
        assertThat(SchedulabilityAnalysis.analyse(fits, RtPolicy.EDF, Preemption.NON_PREEMPTIVE).schedulable())
                .isTrue();
        List<RtTask> tooLong = List.of(task("a", 5, 2), RtTask.periodic("b", 7 * MS, 3 * MS + 2));
        assertThat(SchedulabilityAnalysis.analyse(tooLong, RtPolicy.EDF, Preemption.NON_PREEMPTIVE).schedulable())
                .isFalse();
    }

    @Test
    void nonPreemptiveRtaChecksEveryJobOfTheBusyPeriod() {
        // Davis, Burns, Bril & Lukkien (2007), the CAN example in integer units: the second job of c responds slower
        // (7) than the first (6); an analysis of the first job only would report 6.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 5, 2), RtTask.periodic("b", 7, 2),
                RtTask.periodic("c", 7, 2));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.NON_PREEMPTIVE);
        assertThat(r.schedulable()).isTrue();
        assertThat(r.verdict("c").wcrtNanos()).isEqualTo(7);
        // a: blocked by one lower-priority job started 1 unit before (2 - 1), then runs 2.
        assertThat(r.verdict("a").wcrtNanos()).isEqualTo(3);
    }

    @Test
    void nonPreemptiveRmHandComputedExample() {
        // a: B = 4 - 1 = 3, R = 3 + 2 = 5. b: first job starts at 2 (after a), R = 6; second starts at 8, R = 5.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 5, 2), RtTask.periodic("b", 7, 4));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.NON_PREEMPTIVE);
        assertThat(r.schedulable()).isTrue();
        assertThat(r.tasks()).extracting(TaskVerdict::wcrtNanos).containsExactly(5L, 6L);
    }

    @Test
    void deadlineMonotonicOrdersByDeadlineAndRateMonotonicByPeriod() {
        // a has the longer period but the shorter deadline.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 20 * MS, 2 * MS, 3 * MS),
                RtTask.periodic("b", 10 * MS, 2 * MS, 10 * MS));
        AdmissionResult dm = SchedulabilityAnalysis.analyse(tasks, RtPolicy.DM, Preemption.PREEMPTIVE);
        AdmissionResult rm = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.PREEMPTIVE);
        assertThat(dm.schedulable()).isTrue();
        assertThat(dm.verdict("a").wcrtNanos()).isEqualTo(2 * MS);
        assertThat(rm.schedulable()).isFalse();
        assertThat(rm.verdict("a").wcrtNanos()).isEqualTo(4 * MS);
        assertThat(rm.failingTask()).isEqualTo("a");
    }

    @Test
    void tiesInPriorityAreBrokenByName() {
        List<RtTask> tasks = List.of(task("z", 10, 1), task("m", 10, 1));
        assertThat(PriorityOrder.highestFirst(tasks, RtPolicy.RM)).containsExactly(1, 0);
    }

    @Test
    void deadlinesLongerThanThePeriodAreAnalysedOverTheBusyPeriod() {
        // Lehoczky's example shape: D > T, several jobs of b in the busy period; the third responds slowest.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 70, 26, 70), RtTask.periodic("b", 100, 62, 120));
        AdmissionResult r = SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.PREEMPTIVE);
        // Hand computation: job 0 finishes at 114 (R=114), job 1 at 202 (R=102), job 2 at 316 (R=116),
        // job 3 at 404 (R=104), job 4 at 518 (R=118), job 5 at 606 (R=106), job 6 at 696 (R=96) ending the busy period.
        assertThat(r.verdict("b").wcrtNanos()).isEqualTo(118);
        assertThat(r.schedulable()).isTrue();
    }

    @Test
    void admitThrowsWithTheMessage() {
        List<RtTask> tasks = List.of(task("a", 7, 3), task("b", 12, 3), task("c", 20, 5));
        assertThatThrownBy(() -> SchedulabilityAnalysis.admit(tasks, RtPolicy.RM))
                .isInstanceOf(AdmissionException.class)
                .hasMessageContaining("task 'a'");
        assertThat(SchedulabilityAnalysis.admit(List.of(task("a", 10, 3)), RtPolicy.EDF).schedulable()).isTrue();
    }

    @Test
    void rejectsDuplicateNamesAndEmptySets() {
        assertThatThrownBy(() -> SchedulabilityAnalysis.analyse(List.of(task("a", 1, 1), task("a", 2, 1)),
                RtPolicy.EDF, Preemption.PREEMPTIVE)).hasMessageContaining("'a'");
        assertThatThrownBy(() -> SchedulabilityAnalysis.analyse(List.of(), RtPolicy.EDF, Preemption.PREEMPTIVE))
                .hasMessageContaining("at least one task");
    }

    @Test
    void parsesPoliciesAndExplainsBadOnes() {
        assertThat(RtPolicy.parse(" EDF ")).isEqualTo(RtPolicy.EDF);
        assertThat(RtPolicy.parse("rm")).isEqualTo(RtPolicy.RM);
        assertThat(RtPolicy.parse("dm")).isEqualTo(RtPolicy.DM);
        assertThatThrownBy(() -> RtPolicy.parse("fifo")).hasMessage("unknown real-time policy 'fifo': use edf"
                + " (earliest-deadline-first), rm (rate-monotonic) or dm (deadline-monotonic)");
        assertThatThrownBy(() -> RtPolicy.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validatesTasks() {
        assertThatThrownBy(() -> RtTask.periodic("a", 0, 1)).hasMessageContaining("period must be above zero");
        assertThatThrownBy(() -> RtTask.periodic("a", 10, 0)).hasMessageContaining("cost must be above zero");
        assertThatThrownBy(() -> RtTask.periodic(" ", 10, 1)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> RtTask.periodic("a", 10, 1).withOffset(-1)).hasMessageContaining("offset");
    }
}
