package io.crosskernel.cli;

import io.crosskernel.hypervisor.channel.ChannelStats;
import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.MetricsSample;
import java.util.ArrayList;
import java.util.List;

/**
 * What the live status shows for one refresh, worked out from the samples the host handed out since the previous
 * refresh. Immutable; {@link #of} is a pure function, so the figures are testable without a run or a terminal.
 *
 * @param requestsPerSecond requests finished (completed, failed or dropped) per second over the window
 * @param messagesPerSecond messages delivered by all channels per second over the window
 * @param backlog           messages waiting in all channels at the end of the window
 */
record ProgressFigures(long elapsedNanos, long totalNanos, MetricsSample.Phase phase, double requestsPerSecond,
        double messagesPerSecond, long backlog, List<Kernel> kernels) {

    ProgressFigures {
        kernels = List.copyOf(kernels);
    }

    /**
     * One kernel's line.
     *
     * @param p99Nanos       the worst task-latency p99 of the sampling intervals in the window; 0 when it ran no task
     * @param utilisation    busy time over the window divided by wall time and workers, from 0 to 1
     * @param deadlineMisses since the start of the run
     * @param dropped        since the start of the run
     * @param backlog        messages waiting in the channels into this kernel now
     */
    record Kernel(String name, String type, long p99Nanos, double utilisation, long deadlineMisses, long dropped,
            long backlog) {
    }

    /**
     * @param baseline the sample the previous refresh showed, or null for the first refresh (figures since the start)
     * @param window   the samples since {@code baseline}, oldest first, at least one; the last one is "now"
     */
    static ProgressFigures of(MetricsSample baseline, List<MetricsSample> window) {
        if (window.isEmpty()) {
            throw new IllegalArgumentException("no sample to show");
        }
        MetricsSample now = window.get(window.size() - 1);
        long dt = now.elapsedNanos() - (baseline == null ? 0 : baseline.elapsedNanos());
        double seconds = dt / 1e9;
        long finished = now.finishedRequests() - (baseline == null ? 0 : baseline.finishedRequests());
        long delivered = delivered(now) - (baseline == null ? 0 : delivered(baseline));
        List<Kernel> kernels = new ArrayList<>(now.kernels().size());
        for (int k = 0; k < now.kernels().size(); k++) {
            KernelSample kernel = now.kernels().get(k);
            long p99 = 0;
            for (MetricsSample sample : window) {
                p99 = Math.max(p99, sample.kernels().get(k).intervalLatency().p99());
            }
            long busy = kernel.busyNanos() - (baseline == null ? 0 : baseline.kernels().get(k).busyNanos());
            double utilisation = dt <= 0 ? 0 : busy / ((double) dt * Math.max(1, kernel.workers()));
            kernels.add(new Kernel(kernel.name(), kernel.type(), p99, Math.max(0, Math.min(1, utilisation)),
                    kernel.deadlineMisses(), kernel.dropped(), backlogInto(now, kernel.name())));
        }
        return new ProgressFigures(now.elapsedNanos(), now.totalNanos(), now.phase(),
                seconds <= 0 ? 0 : finished / seconds, seconds <= 0 ? 0 : delivered / seconds, now.channelDepth(),
                kernels);
    }

    private static long delivered(MetricsSample sample) {
        long delivered = 0;
        for (ChannelStats channel : sample.channels()) {
            delivered += channel.delivered();
        }
        return delivered;
    }

    private static long backlogInto(MetricsSample sample, String kernel) {
        long depth = 0;
        for (ChannelStats channel : sample.channels()) {
            if (channel.to().equals(kernel)) {
                depth += channel.inFlight();
            }
        }
        return depth;
    }
}
