package io.crosskernel.cli.sweep;

/**
 * One workload's figures at one point of a sweep, from that point's JSON report (and the offered rate from its
 * scenario). Immutable.
 *
 * @param name              the workload's name
 * @param offeredPerSecond  requests per second its source offers ({@link OfferedLoad}); 0 for an ingress workload
 * @param generated         requests released
 * @param completed         requests that finished their last stage
 * @param failed            requests whose task threw
 * @param dropped           requests a channel or kernel discarded
 * @param deadlineMisses    completed after release + the workload's deadline
 * @param missRate          {@code deadlineMisses / completed}; null without a deadline or with nothing completed
 * @param p50Nanos          end-to-end latency after the warm-up, 50th percentile
 * @param p99Nanos          99th percentile
 * @param p999Nanos         99.9th percentile
 * @param latencyCount      latencies recorded after the warm-up (0: the percentiles mean nothing)
 */
public record WorkloadFigures(String name, double offeredPerSecond, long generated, long completed, long failed,
        long dropped, long deadlineMisses, Double missRate, long p50Nanos, long p99Nanos, long p999Nanos,
        long latencyCount) {
}
