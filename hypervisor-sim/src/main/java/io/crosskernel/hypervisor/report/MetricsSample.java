package io.crosskernel.hypervisor.report;

import io.crosskernel.hypervisor.channel.ChannelStats;
import java.util.List;

/**
 * Everything the host saw at one moment of a run. Immutable: the host thread builds one about every quarter second
 * (counters are read at every sample; latency summaries are refreshed about once a second, and samples in between
 * carry the last ones)
 * and may hand it to any thread (a progress printer, a metrics endpoint, a report writer).
 *
 * @param elapsedNanos since the workload started
 * @param totalNanos   warm-up plus duration (the drain comes on top)
 * @param phase        what the run was doing
 */
public record MetricsSample(long elapsedNanos, long totalNanos, Phase phase, List<KernelSample> kernels,
        List<ChannelStats> channels, List<RouteSample> routes) {

    /** Where a run is. */
    public enum Phase {
        /** Latencies recorded now are discarded at the end of the warm-up. */
        WARMUP,
        /** Sources release requests and every figure counts. */
        MEASURING,
        /** Sources are closed; in-flight work finishes. */
        DRAINING,
        /** Workers have stopped: the final figures. */
        FINISHED
    }

    public MetricsSample {
        kernels = List.copyOf(kernels);
        channels = List.copyOf(channels);
        routes = List.copyOf(routes);
    }

    /** Requests finished (completed, failed or dropped) over every route. */
    public long finishedRequests() {
        long finished = 0;
        for (RouteSample route : routes) {
            finished += route.completed() + route.failed() + route.dropped();
        }
        return finished;
    }

    /** Messages waiting in channels now. */
    public long channelDepth() {
        long depth = 0;
        for (ChannelStats channel : channels) {
            depth += channel.inFlight();
        }
        return depth;
    }
}
