package io.crosskernel.api;

/**
 * Where a kernel that takes requests from outside the process (the io kernel's sockets) records each one as it
 * arrives, so that the run's journal holds every outside arrival with its time: what a simulated run replays in
 * place of the socket ({@code xk run --sim --sim-ingress JOURNAL_DIR}, docs/SIMULATION.md). The host hands one to
 * each kernel through {@link KernelContext#ingressJournal()}; when the run is not journaled it is {@link #NONE}.
 *
 * <p>Threading: single writer, the kernel's dispatching worker (worker 0), which reads the sockets.
 *
 * <p>Cost: implementations must not allocate, lock or log per call; a journaling implementation appends one
 * fixed-layout entry to a memory-mapped file.
 */
@FunctionalInterface
public interface IngressJournal {
    /** Records nothing: the run is not journaled. */
    IngressJournal NONE = (routeId, receivedNanos, clientRequestId, payloadLength, payloadHead) -> {
    };

    /**
     * A request of route {@code routeId} arrived from outside, whatever becomes of it next (taken, or dropped by a
     * full ring): call once per decoded datagram or frame.
     *
     * @param receivedNanos   the kernel's clock when it was received
     * @param clientRequestId the id the client put in it
     * @param payloadLength   its payload's length in bytes
     * @param payloadHead     its first payload bytes as a long (see the io kernel's {@code RequestSink})
     */
    void arrival(int routeId, long receivedNanos, long clientRequestId, int payloadLength, long payloadHead);
}
