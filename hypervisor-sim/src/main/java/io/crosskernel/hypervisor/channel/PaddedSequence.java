package io.crosskernel.hypervisor.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Left padding: keeps {@link PaddedSequence#value} off the cache line of whatever the heap puts before it. */
abstract class SequenceLeftPad {
    long p01, p02, p03, p04, p05, p06, p07, p08;
    long p09, p10, p11, p12, p13, p14, p15;
}

/** The sequence itself, between the two paddings (fields of a superclass are laid out before a subclass's). */
abstract class SequenceValue extends SequenceLeftPad {
    long value;
}

/**
 * A sequence number alone on its cache lines (128 bytes of padding each side, for adjacent-line prefetch): one
 * thread advances it with release stores, the other reads it with acquire loads. The JCTools/Disruptor padding idiom.
 *
 * <p>Threading: single writer.
 */
final class PaddedSequence extends SequenceValue {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SequenceValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long p17, p18, p19, p20, p21, p22, p23, p24;
    long p25, p26, p27, p28, p29, p30, p31;

    /** Any thread: load-acquire. */
    long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    /** Writer only: store-release, publishing every write made before it. */
    void setRelease(long newValue) {
        VALUE.setRelease(this, newValue);
    }
}
