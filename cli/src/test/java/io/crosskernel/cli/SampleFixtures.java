package io.crosskernel.cli;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.hypervisor.channel.ChannelStats;
import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import io.crosskernel.hypervisor.report.RouteSample;
import io.crosskernel.hypervisor.report.StageReport;
import java.util.List;

/** Hand-made samples for tests that need no run: two kernels a -> b, one channel, one route. */
public final class SampleFixtures {
    private SampleFixtures() {
    }

    /** A latency summary whose percentiles are all {@code p99Nanos} (count 0 gives {@link LatencySummary#EMPTY}). */
    public static LatencySummary latency(long count, long p99Nanos) {
        return count == 0 ? LatencySummary.EMPTY
                : new LatencySummary(count, p99Nanos / 2, p99Nanos / 2, p99Nanos - 1, p99Nanos, p99Nanos + 1, p99Nanos + 2,
                        p99Nanos / 2.0);
    }

    public static KernelSample kernel(String name, int workers, long busyNanos, long tasks, long intervalP99,
            long misses, long dropped) {
        return new KernelSample(name, "general", workers, tasks * 3, busyNanos, tasks, 1, tasks, tasks, 2, 0, dropped,
                misses, 4, 0, latency(tasks, 5_000), latency(tasks == 0 ? 0 : 10, intervalP99), latency(tasks, 700));
    }

    /**
     * @param finished    requests completed so far on the route
     * @param delivered   messages delivered by the channel a -> b
     * @param depth       messages waiting in a -> b
     */
    public static MetricsSample sample(long elapsedMillis, Phase phase, long busyA, long busyB, long finished,
            long delivered, long depth, long p99A, long p99B) {
        return new MetricsSample(elapsedMillis * 1_000_000, 2_000_000_000L, phase,
                List.of(kernel("a", 1, busyA, finished, p99A, 0, 3), kernel("b", 2, busyB, finished, p99B, 7, 0)),
                List.of(new ChannelStats("a", "b", 1024, BackpressurePolicy.RETRY, delivered + depth, delivered, 0,
                        depth, 5, 64)),
                List.of(new RouteSample("orders", finished + depth, finished, 0, 0, 7, 4, latency(finished, 9_000),
                        List.of(new StageReport(0, "a", latency(finished, 5_000)),
                                new StageReport(1, "b", latency(finished, 6_000))))));
    }
}
