package io.crosskernel.kernels.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** {@code op: allocate} allocates what it says, in 1 KiB arrays, and keeps a bounded ring of them. */
class GarbageTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void allocatesTheBytesItIsAskedForAsWholeArrays() {
        Garbage garbage = new Garbage();
        garbage.allocate(1); // warm the class up: the measured call below allocates only its arrays
        long before = THREADS.getCurrentThreadAllocatedBytes();
        garbage.allocate(4L << 20);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        // 4096 arrays of 1 KiB plus their 16-byte headers; nothing the JIT could elide (they escape to the ring).
        assertThat(allocated).isBetween(4L << 20, (4L << 20) + 4096 * 32 + 4096);
        assertThat(garbage.next()).isEqualTo((1 + 4096) % Garbage.KEPT);
    }

    @Test
    void allocatesNothingForZeroBytes() {
        Garbage garbage = new Garbage();
        garbage.allocate(0);
        assertThat(garbage.next()).isZero();
    }
}
