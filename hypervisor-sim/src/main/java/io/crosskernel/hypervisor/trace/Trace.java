package io.crosskernel.hypervisor.trace;

import java.util.List;

/**
 * One sampled request's path across kernels: its hops in stage order.
 *
 * @param traceId       the request's trace id (the sampling key)
 * @param requestId     the request's id, unique in the run
 * @param routeId       the route it followed
 * @param route         that route's name
 * @param stages        how many stages the route has
 * @param originNanos   its release at the source, a reading of the run's clock (meaningful only relative to others)
 * @param complete      true when every stage has a hop and the last one completed the request
 * @param endToEndNanos release to completion when {@code complete}; otherwise release to the last recorded hop
 * @param hops          the recorded hops ordered by stage
 */
public record Trace(long traceId, long requestId, int routeId, String route, int stages, long originNanos,
        boolean complete, long endToEndNanos, List<TraceHop> hops) {
    public Trace {
        hops = List.copyOf(hops);
    }
}
