package io.crosskernel.api.trace;

/**
 * Records the hops of sampled requests: one hop per stage a request finished on a kernel.
 *
 * <p>Threading: one tracer per kernel worker, obtained from {@code KernelContext.tracer(worker)} at boot. Only that
 * worker's own thread may call it (single writer); the host reads what it recorded after the worker has stopped.
 *
 * <p>Cost: callers first test {@link #sampleThreshold()} against {@link TraceSampling#NEVER} (a field they cache at
 * boot), so a run without tracing pays one well-predicted branch per stage. For sampled requests
 * {@link #recordHop} must not allocate, lock, log or make system calls: a full tracer counts the hop as lost instead.
 */
public interface HopTracer {
    /** Samples nothing and records nothing: the tracer of a run without tracing. */
    HopTracer NONE = new HopTracer() {
        @Override
        public long sampleThreshold() {
            return TraceSampling.NEVER;
        }

        @Override
        public void recordHop(long traceId, long requestId, int routeId, int stage, long originNanos,
                long arrivedNanos, long receivedNanos, long doneNanos, HopOutcome outcome) {
        }
    };

    /**
     * @return the threshold for {@link TraceSampling#isSampled(long, long)}; {@link TraceSampling#NEVER} when this
     *     tracer records nothing. Constant for the tracer's lifetime.
     */
    long sampleThreshold();

    /** @return true when the request with {@code traceId} is sampled: the same answer on every kernel */
    default boolean isSampled(long traceId) {
        long threshold = sampleThreshold();
        return threshold != TraceSampling.NEVER && TraceSampling.isSampled(traceId, threshold);
    }

    /**
     * Records one hop of a sampled request. Times are readings of the kernel's clock.
     *
     * @param originNanos   the request's release at its source
     * @param arrivedNanos  when the stage became due here: the release for a route's first stage, the previous
     *                      kernel's send (hop) timestamp for a received message, the previous stage's completion for
     *                      a stage on the same kernel
     * @param receivedNanos when this kernel took the message off its channel; equal to {@code arrivedNanos} when no
     *                      channel was involved or the receive time was not read
     * @param doneNanos     when the stage completed here (and the request was forwarded, held or finished)
     * @param outcome       what happened to the request next
     */
    void recordHop(long traceId, long requestId, int routeId, int stage, long originNanos, long arrivedNanos,
            long receivedNanos, long doneNanos, HopOutcome outcome);
}
