package io.crosskernel.hypervisor.host;

import io.crosskernel.api.hiccup.Intervals;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.miss.Miss;
import io.crosskernel.api.miss.MissClassifier;
import io.crosskernel.api.miss.MissKind;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.hypervisor.report.HiccupSummary;
import io.crosskernel.hypervisor.report.MissCauses;
import io.crosskernel.hypervisor.report.TaskMisses;
import io.crosskernel.hypervisor.report.WorkerEvidence;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Attributes every deadline miss of a run to one cause, and summarises each kernel's hiccups, from what the workers
 * recorded ({@link WorkerEvidence}: their hiccup meters and miss logs, read in the host or carried from a kernel
 * process) and the collector pauses the host saw.
 *
 * <p><b>Whose hiccups count.</b> A realtime task's miss: its kernel's (one) worker's. A workload's miss: the hiccups
 * of the worker that completed the request, and of every worker of the <em>other</em> kernels on its route (the
 * request passed one of them). Other workers of the completing kernel are left out, because which of them ran the
 * earlier stages is not recorded: a pause there is then counted as {@code scheduling}, never the other way round.
 *
 * <p>Threading: the host thread, after every worker stopped (the thread joins order the workers' writes before these
 * reads). Allocates freely: this is the end of the run.
 */
final class MissAttribution {
    private final Intervals collector;
    /** Per kernel, per worker: what it saw. */
    private final List<WorkerEvidence[]> kernels;
    /** Per kernel, per worker: the hiccup intervals. */
    private final List<Intervals[]> hiccups = new ArrayList<>();
    /** Per kernel: the union of its workers' hiccups. */
    private final List<Intervals> kernelHiccups = new ArrayList<>();

    /**
     * @param kernels   per kernel (by id), its workers' evidence, in worker order (read from their metrics in the
     *                  host, from a kernel process's results file for one that ran in a process)
     * @param collector the collector pauses on the run's clock
     */
    MissAttribution(List<WorkerEvidence[]> kernels, Intervals collector) {
        this.kernels = kernels;
        this.collector = collector;
        for (WorkerEvidence[] workers : kernels) {
            Intervals[] each = new Intervals[workers.length];
            for (int w = 0; w < workers.length; w++) {
                each[w] = workers[w].hiccups();
            }
            hiccups.add(each);
            kernelHiccups.add(Intervals.union(List.of(each)));
        }
    }

    /** Over workers that all ran in this JVM: their evidence read from their metrics (once: it drains them). */
    static MissAttribution ofMetrics(List<WorkerMetrics[]> kernels, Intervals collector) {
        List<WorkerEvidence[]> evidence = new ArrayList<>();
        for (WorkerMetrics[] workers : kernels) {
            WorkerEvidence[] each = new WorkerEvidence[workers.length];
            for (int w = 0; w < workers.length; w++) {
                each[w] = WorkerEvidence.of(workers[w]);
            }
            evidence.add(each);
        }
        return new MissAttribution(evidence, collector);
    }

    /** Kernel {@code k}'s hiccups over a run of {@code runNanos}. */
    HiccupSummary hiccupSummary(int k, long runNanos) {
        Histogram lengths = LatencyRecorder.newAccumulator();
        long lost = 0;
        long dropped = 0;
        long threshold = 0;
        for (WorkerEvidence worker : kernels.get(k)) {
            lengths.add(worker.hiccupLengths());
            lost += worker.hiccupLostNanos();
            dropped += worker.hiccupsDropped();
            threshold = worker.hiccupThresholdNanos();
        }
        return HiccupSummary.of(lengths, lost, dropped, kernels.get(k).length, runNanos, threshold);
    }

    /** Kernel {@code k}'s realtime tasks' misses by cause, in task order; empty when it recorded no task names. */
    List<TaskMisses> taskMisses(int k) {
        WorkerEvidence[] workers = kernels.get(k);
        List<TaskMisses> result = new ArrayList<>();
        for (int w = 0; w < workers.length; w++) {
            List<String> names = workers[w].taskNames();
            if (names.isEmpty()) {
                continue;
            }
            MissCauses.Tally[] tallies = new MissCauses.Tally[names.size()];
            for (int t = 0; t < tallies.length; t++) {
                tallies[t] = new MissCauses.Tally();
            }
            for (Miss miss : workers[w].misses()) {
                // A miss older than the worker's retained hiccups lost its evidence: left unattributed.
                if (miss.kind() == MissKind.TASK && miss.busyFrom() >= workers[w].evidenceFromNanos()) {
                    tallies[miss.subject()].add(MissClassifier.classify(miss, collector, hiccups.get(k)[w]));
                }
            }
            // Records the ring overwrote (beyond MissLog.CAPACITY on this worker) are counted, not attributed.
            for (int t = 0; t < tallies.length; t++) {
                long total = workers[w].taskMisses()[t];
                result.add(new TaskMisses(names.get(t), total, tallies[t].toCauses(total)));
            }
        }
        return result;
    }

    /** The misses of {@code route} (counted {@code total} by the workers) by cause. */
    MissCauses routeMisses(Route route, long total) {
        MissCauses.Tally tally = new MissCauses.Tally();
        for (int k = 0; k < kernels.size(); k++) {
            WorkerEvidence[] workers = kernels.get(k);
            for (int w = 0; w < workers.length; w++) {
                Intervals evidence = null;
                long evidenceFrom = Long.MIN_VALUE;
                for (Miss miss : workers[w].misses()) {
                    if (miss.kind() != MissKind.ROUTE || miss.subject() != route.id()) {
                        continue;
                    }
                    if (evidence == null) {
                        evidence = routeEvidence(route, k, w);
                        evidenceFrom = routeEvidenceFrom(route, k, w);
                    }
                    if (miss.busyFrom() >= evidenceFrom) { // older misses lost their evidence: unattributed
                        tally.add(MissClassifier.classify(miss, collector, evidence));
                    }
                }
            }
        }
        return tally.toCauses(total);
    }

    /** From when {@link #routeEvidence} is complete: the latest such bound over the workers it unites. */
    private long routeEvidenceFrom(Route route, int completingKernel, int completingWorker) {
        long from = kernels.get(completingKernel)[completingWorker].evidenceFromNanos();
        for (Stage stage : route.stages()) {
            for (int k = stage.kernelId(); k <= stage.lastKernelId(); k++) { // every shard of a group
                if (k != completingKernel && k < kernels.size()) {
                    for (WorkerEvidence worker : kernels.get(k)) {
                        from = Math.max(from, worker.evidenceFromNanos());
                    }
                }
            }
        }
        return from;
    }

    /** The completing worker's hiccups and those of every worker of the route's other kernels. */
    private Intervals routeEvidence(Route route, int completingKernel, int completingWorker) {
        List<Intervals> sets = new ArrayList<>();
        sets.add(hiccups.get(completingKernel)[completingWorker]);
        List<Integer> seen = new ArrayList<>();
        for (Stage stage : route.stages()) {
            for (int k = stage.kernelId(); k <= stage.lastKernelId(); k++) { // every shard of a group
                if (k != completingKernel && !seen.contains(k) && k < kernelHiccups.size()) {
                    seen.add(k);
                    sets.add(kernelHiccups.get(k));
                }
            }
        }
        return Intervals.union(sets);
    }
}
