package io.crosskernel.kernels.realtime;

import io.crosskernel.api.AdmissionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Admission control for a real-time task set on one core: decides, before anything runs, whether every job will meet
 * its deadline under a policy, and says why not in figures.
 *
 * <ul>
 *   <li>Utilisation {@code U = Σ C/T} above 1 is rejected under every policy (compared exactly, not in floating
 *       point).</li>
 *   <li>EDF: the processor-demand criterion, see {@link EdfAnalysis}.</li>
 *   <li>RM / DM: response-time analysis with priorities by period / deadline (ties by name), see
 *       {@link FixedPriorityAnalysis}.</li>
 * </ul>
 *
 * <p>Both analyses assume zero dispatch overhead and each job running for at most its budget; the dispatcher's own
 * release lateness and any budget overrun are measured at run time, not covered here. Sporadic tasks are analysed
 * with their minimum inter-arrival time as period. The kernel admits with {@link #admit} under
 * {@link RealtimeScheduler#PREEMPTION}, the dispatcher's run-to-completion model.
 *
 * <p>Stateless and thread-safe; allocates (configuration time only, never on a hot path).
 */
public final class SchedulabilityAnalysis {
    private SchedulabilityAnalysis() {
    }

    /**
     * Analyses {@code tasks} under {@code policy} and {@code preemption}.
     *
     * @throws IllegalArgumentException if the set is empty or two tasks share a name
     */
    public static AdmissionResult analyse(List<RtTask> tasks, RtPolicy policy, Preemption preemption) {
        requireValid(tasks);
        Utilisation u = Utilisation.of(tasks);
        if (u.exceedsOne()) {
            List<TaskVerdict> verdicts = new ArrayList<>();
            for (RtTask t : tasks) {
                verdicts.add(new TaskVerdict(t.name(), policy.isFixedPriority() ? Long.MAX_VALUE : -1,
                        t.deadlineNanos(), false));
            }
            return new AdmissionResult(false, u.value(), verdicts, null, "unschedulable under "
                    + policy.displayName() + " (" + preemption.label() + "): utilisation " + u.describe()
                    + " > 1, more work than one core can do");
        }
        return policy.isFixedPriority()
                ? FixedPriorityAnalysis.analyse(tasks, policy, preemption, u)
                : EdfAnalysis.analyse(tasks, preemption, u);
    }

    /**
     * Analyses under the dispatcher's model ({@link RealtimeScheduler#PREEMPTION}) and refuses an unschedulable set.
     *
     * @return the (schedulable) result, whose verdicts the kernel may report
     * @throws AdmissionException carrying the result's message
     */
    public static AdmissionResult admit(List<RtTask> tasks, RtPolicy policy) {
        AdmissionResult result = analyse(tasks, policy, RealtimeScheduler.PREEMPTION);
        if (!result.schedulable()) {
            throw new AdmissionException(result.message());
        }
        return result;
    }

    /**
     * Admits the task set a scenario gives a kernel, as {@link #admit(List, RtPolicy)}; a refusal names the stage to
     * change: the failing task's, or, when no single task fails (utilisation above 1), the stage with the largest
     * share of the core.
     *
     * @throws AdmissionException carrying the result's message and that stage
     */
    public static AdmissionResult admit(RealtimeTaskSet taskSet, RtPolicy policy) {
        AdmissionResult result = analyse(taskSet.tasks(), policy, RealtimeScheduler.PREEMPTION);
        if (!result.schedulable()) {
            int task = result.failingTask() == null ? largestShare(taskSet.tasks())
                    : indexOf(taskSet.tasks(), result.failingTask());
            String message = result.failingTask() == null
                    ? result.message() + "; the largest share is task " + taskSet.tasks().get(task).describe()
                    : result.message();
            throw new AdmissionException(message, taskSet.routeOf(task), taskSet.stageOf(task));
        }
        return result;
    }

    private static int largestShare(List<RtTask> tasks) {
        int largest = 0;
        for (int i = 1; i < tasks.size(); i++) {
            if (tasks.get(i).utilisation() > tasks.get(largest).utilisation()) {
                largest = i;
            }
        }
        return largest;
    }

    private static int indexOf(List<RtTask> tasks, String name) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("the analysis names task '" + name + "', which is not in the set");
    }

    static void requireValid(List<RtTask> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a real-time task set needs at least one task");
        }
        Set<String> names = new HashSet<>();
        for (RtTask t : tasks) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two real-time tasks are called '" + t.name()
                        + "': names must be unique");
            }
        }
    }
}
