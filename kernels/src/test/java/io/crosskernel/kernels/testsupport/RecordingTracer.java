package io.crosskernel.kernels.testsupport;

import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.api.trace.HopTracer;
import io.crosskernel.api.trace.TraceSampling;
import java.util.ArrayList;
import java.util.List;

/** Test-only {@link HopTracer} that keeps every hop as a record (allocates; single test thread). */
public final class RecordingTracer implements HopTracer {
    /** One recorded hop. */
    public record Hop(long traceId, long requestId, int routeId, int stage, long origin, long arrived, long received,
            long done, HopOutcome outcome) {
    }

    private final long threshold;
    public final List<Hop> hops = new ArrayList<>();

    public RecordingTracer(double rate) {
        this.threshold = TraceSampling.thresholdFor(rate);
    }

    @Override
    public long sampleThreshold() {
        return threshold;
    }

    @Override
    public void recordHop(long traceId, long requestId, int routeId, int stage, long originNanos, long arrivedNanos,
            long receivedNanos, long doneNanos, HopOutcome outcome) {
        hops.add(new Hop(traceId, requestId, routeId, stage, originNanos, arrivedNanos, receivedNanos, doneNanos,
                outcome));
    }
}
