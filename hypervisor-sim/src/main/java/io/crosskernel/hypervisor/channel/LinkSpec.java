package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.BackpressurePolicy;

/**
 * One directed channel to build: from kernel {@code fromKernel} to kernel {@code toKernel}.
 *
 * @param capacity messages the channel holds (also the number of pooled envelopes it owns)
 */
public record LinkSpec(int fromKernel, String fromName, int toKernel, String toName, int capacity,
        BackpressurePolicy policy) {
    public LinkSpec {
        if (fromKernel == toKernel) {
            throw new IllegalArgumentException("a kernel does not need a channel to itself: " + fromName);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("channel capacity must be at least 1, got " + capacity);
        }
    }

    /** {@code from->to}, as used in reports. */
    public String label() {
        return fromName + "->" + toName;
    }
}
