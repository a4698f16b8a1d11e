package io.crosskernel.hypervisor.report;

import io.crosskernel.api.hiccup.HiccupMeter;
import io.crosskernel.api.hiccup.Intervals;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.miss.Miss;
import io.crosskernel.api.miss.MissLog;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one worker saw of its hiccups and deadline misses, as the end of a run reads it: the evidence miss attribution
 * and the hiccup summary are made of. Read from the worker's own {@link HiccupMeter} and {@link MissLog} when it ran
 * in the host, or from the file its kernel process wrote at its end (process.KernelResults) when it ran in one: the
 * same figures either way, on the same clock (every process of a host shares {@code CLOCK_MONOTONIC}).
 *
 * @param hiccups            the hiccup intervals the meter's ring holds, merged
 * @param evidenceFromNanos  from when those intervals are complete ({@link HiccupMeter#evidenceFromNanos()})
 * @param hiccupLengths      every hiccup's length (its own histogram: the caller may add it anywhere)
 * @param hiccupLostNanos    the hiccups' total length
 * @param hiccupsDropped     hiccups whose interval the ring no longer holds
 * @param hiccupThresholdNanos the gap above which a reading was a hiccup
 * @param taskNames          the realtime tasks a task miss's subject indexes (empty for other kernels)
 * @param taskMisses         per task, its misses, those the ring dropped included
 * @param misses             the misses the worker's ring holds, oldest first
 */
public record WorkerEvidence(Intervals hiccups, long evidenceFromNanos, Histogram hiccupLengths,
        long hiccupLostNanos, long hiccupsDropped, long hiccupThresholdNanos, List<String> taskNames,
        long[] taskMisses, List<Miss> misses) {

    /**
     * A worker's evidence, read from its metrics. After the worker stopped (the thread join orders its writes before
     * these reads); drains its hiccup lengths, so call it once per worker.
     */
    public static WorkerEvidence of(WorkerMetrics metrics) {
        HiccupMeter meter = metrics.hiccups;
        Histogram lengths = LatencyRecorder.newAccumulator();
        meter.drainLengthsInto(lengths);
        MissLog log = metrics.misses;
        List<String> names = log.taskNames();
        long[] perTask = new long[names.size()];
        for (int t = 0; t < perTask.length; t++) {
            perTask[t] = log.taskMisses(t);
        }
        return new WorkerEvidence(meter.intervals(), meter.evidenceFromNanos(), lengths, meter.lostNanos(),
                meter.droppedIntervals(), meter.thresholdNanos(), names, perTask, log.misses());
    }
}
