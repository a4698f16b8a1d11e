package io.crosskernel.hypervisor.sink;

import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RunRecordings;
import java.util.List;

/**
 * Hears what a run is doing: the live progress, a metrics endpoint, a journal, report writers. Called on the host
 * thread; implementations may block briefly (print) but never for long: the host's watchdog runs on the same thread.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /**
     * One listener that hands every call to each of {@code listeners}, in order (so one that publishes a sample can
     * come before one that prints it). Use this rather than a hand-written decorator: a decorator that misses a
     * method added here later silently swallows it.
     */
    static RunListener all(List<RunListener> listeners) {
        return listeners.isEmpty() ? NONE : listeners.size() == 1 ? listeners.get(0) : new FanOutListener(listeners);
    }

    /** Every kernel is booted and every worker pinned; the workload starts now. */
    default void onStarted(BootSummary boot) {
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
