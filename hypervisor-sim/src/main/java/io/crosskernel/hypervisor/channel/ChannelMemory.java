package io.crosskernel.hypervisor.channel;

import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where a channel's ring lives: the one seam between {@link SpscChannel} and the memory under it. The same channel
 * class runs over direct memory of this process ({@link #DIRECT}, every in-process channel) and over a file mapped by
 * two processes (a channel that touches a kernel in a process of its own, docs/PROCESSES.md), as Aeron's driver puts
 * Agrona's rings in mapped files.
 *
 * <p>Threading: called by the thread that builds the fabric, once per channel, before any kernel runs.
 */
@FunctionalInterface
public interface ChannelMemory {
    /** Rings in off-heap memory of this process, aligned to a cache line. */
    ChannelMemory DIRECT = (link, bytes) ->
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(bytes, SpscChannel.RECORD_BYTES));

    /**
     * The memory for {@code link}'s ring: exactly {@code bytes} long ({@link SpscChannel#ringBytes(int)}), aligned to
     * at least a cache line, and all zero unless another process already uses it as this channel's ring.
     */
    AtomicBuffer ringFor(LinkSpec link, int bytes);
}
