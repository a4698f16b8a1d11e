package io.crosskernel.cli.prometheus;

import io.crosskernel.hypervisor.report.RunReport;

import io.crosskernel.hypervisor.report.MetricsSample;

/**
 * The most recent {@link MetricsSample} of a run, handed from the host thread to the metrics endpoint's HTTP thread.
 *
 * <p>Threading: one writer (the host thread, through {@link #publish}), any number of readers. A sample is immutable,
 * so publishing the reference through a volatile field is all the hand-over needs; readers never see kernel state.
 */
public final class LatestSample {
    private volatile MetricsSample sample;
    private volatile RunReport report;

    /** Host thread: replaces the sample readers see. */
    public void publish(MetricsSample sample) {
        this.sample = sample;
    }

    /**
     * Command thread, once after the run: the final report, whose misses by cause (attributed only when the run
     * ended) the endpoint then serves too.
     */
    public void publishReport(RunReport finalReport) {
        this.report = finalReport;
    }

    /** Any thread: the final report, or null while the run goes on. */
    public RunReport report() {
        return report;
    }

    /** Any thread: the latest sample, or null before the host took the first one. */
    public MetricsSample get() {
        return sample;
    }
}
