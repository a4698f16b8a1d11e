package io.crosskernel.hypervisor.trace;

import java.util.List;

/**
 * The traces of one run, merged from every worker's {@link TraceBuffer}.
 *
 * @param sampleRate   the fraction of requests that was sampled
 * @param traces       ordered by release time
 * @param hopsRecorded hops stored over all workers
 * @param hopsLost     hops that found their worker's buffer full; a trace that lost a hop is not {@code complete}
 * @param fullBuffers  one line per worker whose buffer overflowed ({@code "kernel[worker]: N hops lost"})
 */
public record TraceResult(double sampleRate, List<Trace> traces, long hopsRecorded, long hopsLost,
        List<String> fullBuffers) {
    public TraceResult {
        traces = List.copyOf(traces);
        fullBuffers = List.copyOf(fullBuffers);
    }
}
