package io.crosskernel.hypervisor.trace;

import io.crosskernel.api.trace.HopTracer;
import io.crosskernel.api.trace.TraceSampling;
import io.crosskernel.api.workload.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracing for one run: hands each kernel worker that asks for one its own {@link TraceBuffer}, and merges them all
 * once the run is over.
 *
 * <p>Threading: {@link #newTracer} is called by the host while kernels boot (synchronized: boot-time only);
 * {@link #collect} on the host thread after {@code Hypervisor.run} returned, when every worker has been joined. A
 * worker that did not stop in time may still be writing its buffer: its last hops may then be missing or torn.
 */
public final class TraceSession {
    private final TraceSettings settings;
    private final long threshold;
    private final List<TraceBuffer> buffers = new ArrayList<>();

    public TraceSession(TraceSettings settings) {
        this.settings = settings;
        this.threshold = TraceSampling.thresholdFor(settings.sampleRate());
    }

    public TraceSettings settings() {
        return settings;
    }

    /** A new, empty buffer for worker {@code worker} of kernel {@code kernelId}. Boot only: allocates. */
    public synchronized HopTracer newTracer(int kernelId, String kernelName, int worker) {
        TraceBuffer buffer = new TraceBuffer(kernelId, kernelName, worker, threshold, settings.capacityPerWorker());
        buffers.add(buffer);
        return buffer;
    }

    /** Merges every buffer into traces. Host thread, after the run. */
    public synchronized TraceResult collect(List<Route> routes) {
        return TraceCollector.collect(settings.sampleRate(), buffers, routes);
    }
}
