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
        @Override
        public boolean readsCumulativeLatency() {
            return false;
        }
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

    /**
     * Whether this listener reads, in samples before the final one, the cumulative latency summaries: a kernel
     * sample's {@code latency} and {@code lateness}, a route sample's {@code endToEnd} and {@code stages}. When no
     * listener of a run does, the host summarises those histograms only for the final sample and the samples in
     * between carry the summaries of the last pass that did (at the latest, the end of the warm-up); the interval
     * figures ({@code intervalLatency}) and every counter are fresh in every sample either way. Summarising walks
     * every cumulative histogram once a second, a tenth of a simulated run's time. The default is {@code true}: a
     * listener that does not say gets them.
     */
    default boolean readsCumulativeLatency() {
        return true;
    }

    /** Once, after the final sample: the run's timeline and full latency histograms. */
    default void onRecordings(RunRecordings recordings) {
    }

    /** Something worth a line: a stall, the first task error, the drain starting. */
    default void onEvent(String message) {
    }
}
