package io.crosskernel.hypervisor.trace;

import io.crosskernel.api.trace.HopOutcome;

/**
 * One stage of a traced request on one kernel. Times are nanoseconds since the request's release at its source.
 *
 * @param stage        index of the stage on the route
 * @param kernel       name of the kernel that ran it
 * @param kernelId     that kernel's id
 * @param worker       the worker that recorded the hop (the kernel's dispatcher)
 * @param arrivedNanos when the stage became due: the release for stage 0, the previous kernel's send timestamp for
 *                     a message, the previous stage's completion for a stage on the same kernel
 * @param receivedNanos when the kernel took the message off its channel (equals {@code arrivedNanos} without one)
 * @param doneNanos    when the stage completed and the request moved on
 * @param atStageNanos time on this kernel: {@code done - received} (queueing plus the task itself)
 * @param transitNanos time between the previous hop's completion and this hop's receive (held for a full channel,
 *                     then in the channel); 0 for the first hop and for a hop recorded without its predecessor
 * @param outcome      what happened next
 */
public record TraceHop(int stage, String kernel, int kernelId, int worker, long arrivedNanos, long receivedNanos,
        long doneNanos, long atStageNanos, long transitNanos, HopOutcome outcome) {
}
