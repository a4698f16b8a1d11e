package io.crosskernel.hypervisor.channel;

/**
 * Told when a channel whose policy is {@link io.crosskernel.api.BackpressurePolicy#FAIL} was offered a message while
 * full, so the host can stop the run with an error naming the channel.
 *
 * <p>Threading: called on the channel's producer thread, once per refused message, after the message has been counted
 * as offered and rejected. This is an error path: implementations may allocate, but must not block for long, since
 * the producer is a kernel's duty cycle.
 */
@FunctionalInterface
public interface ChannelFailureListener {
    void onChannelFailed(SpscChannel channel);
}
