package io.crosskernel.hypervisor.trace;

import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.api.workload.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the hops of every worker's {@link TraceBuffer} into one {@link Trace} per sampled request.
 *
 * <p>Hops are grouped by request id (unique in a run; trace ids from clients need not be) and ordered by stage.
 * Threading: host thread, after every worker that wrote a buffer has stopped. Allocates freely.
 */
public final class TraceCollector {
    private TraceCollector() {
    }

    /**
     * @param routes every route of the run, indexed by id
     */
    public static TraceResult collect(double sampleRate, List<TraceBuffer> buffers, List<Route> routes) {
        Map<Long, List<Raw>> byRequest = new HashMap<>();
        long recorded = 0;
        long lost = 0;
        List<String> full = new ArrayList<>();
        for (TraceBuffer buffer : buffers) {
            int size = buffer.size();
            recorded += size;
            lost += buffer.lost();
            if (buffer.lost() > 0) {
                full.add(buffer.kernelName() + "[" + buffer.worker() + "]: " + buffer.lost() + " hops lost (capacity "
                        + buffer.capacity() + ")");
            }
            for (int i = 0; i < size; i++) {
                byRequest.computeIfAbsent(buffer.requestId(i), id -> new ArrayList<>()).add(new Raw(buffer, i));
            }
        }
        List<Trace> traces = new ArrayList<>(byRequest.size());
        for (List<Raw> raws : byRequest.values()) {
            traces.add(toTrace(raws, routes));
        }
        traces.sort(Comparator.comparingLong(Trace::originNanos).thenComparingLong(Trace::requestId));
        return new TraceResult(sampleRate, traces, recorded, lost, full);
    }

    private static Trace toTrace(List<Raw> raws, List<Route> routes) {
        raws.sort(Comparator.comparingInt(Raw::stage).thenComparingLong(Raw::done));
        Raw first = raws.get(0);
        long origin = first.buffer.originNanos(first.index);
        int routeId = first.buffer.routeId(first.index);
        Route route = routeId >= 0 && routeId < routes.size() ? routes.get(routeId) : null;
        int stageCount = route == null ? 0 : route.stages().size();
        List<TraceHop> hops = new ArrayList<>(raws.size());
        Raw previous = null;
        boolean contiguous = first.stage() == 0;
        for (Raw raw : raws) {
            TraceBuffer b = raw.buffer;
            int i = raw.index;
            long received = b.receivedNanos(i);
            boolean follows = previous != null && previous.stage() == raw.stage() - 1;
            if (previous != null && !follows) {
                contiguous = false;
            }
            long transit = follows ? received - previous.done() : 0;
            hops.add(new TraceHop(raw.stage(), b.kernelName(), b.kernelId(), b.worker(), b.arrivedNanos(i) - origin,
                    received - origin, b.doneNanos(i) - origin, b.doneNanos(i) - received, transit, b.outcome(i)));
            previous = raw;
        }
        TraceHop last = hops.get(hops.size() - 1);
        boolean complete = contiguous && hops.size() == stageCount && last.outcome() == HopOutcome.COMPLETED;
        return new Trace(first.buffer.traceId(first.index), first.buffer.requestId(first.index), routeId,
                route == null ? "?" : route.name(), stageCount, origin, complete, last.doneNanos(), hops);
    }

    /** One stored hop: where it sits in which buffer. */
    private record Raw(TraceBuffer buffer, int index) {
        int stage() {
            return buffer.stage(index);
        }

        long done() {
            return buffer.doneNanos(index);
        }
    }
}
