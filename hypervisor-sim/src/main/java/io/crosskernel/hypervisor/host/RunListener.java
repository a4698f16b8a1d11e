package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RunRecordings;

/**
 * Hears what a run is doing, for the CLI's progress output. Called on the host thread; implementations may block
 * briefly (print) but never for long: the host's watchdog runs on the same thread.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** Every kernel is booted and every worker pinned; the workload starts now. */
    default void onStarted(BootSummary boot) {
    }

    /** About once a second while the run goes on. */
    default void onProgress(Progress progress) {
    }

    /**
     * Every sampling period (a quarter second to a second) and once more after the workers stopped
     * ({@link MetricsSample.Phase#FINISHED}). The sample is immutable and may be handed to another thread.
     */
    default void onSample(MetricsSample sample) {
    }

    /** Once, after the final sample: the run's timeline and full latency histograms. */
    default void onRecordings(RunRecordings recordings) {
    }

    /** Something worth a line: a stall, the first task error, the drain starting. */
    default void onEvent(String message) {
    }
}
