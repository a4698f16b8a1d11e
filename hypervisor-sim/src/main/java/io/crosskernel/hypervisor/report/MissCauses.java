package io.crosskernel.hypervisor.report;

import io.crosskernel.api.miss.MissCause;

/**
 * Deadline misses by cause (see {@link io.crosskernel.api.miss.MissClassifier} for the evidence and the precedence).
 * The causes and {@code unattributed} add up to the misses counted.
 *
 * @param collector    a GC pause or safepoint overlapped the miss
 * @param platform     a hiccup of the worker overlapped it
 * @param overrun      the job's own execution exceeded its budget
 * @param scheduling   none of those: the kernel ran other work first
 * @param unattributed misses whose record the worker's ring had overwritten (a run with more than
 *                     {@link io.crosskernel.api.miss.MissLog#CAPACITY} misses on one worker)
 */
public record MissCauses(long collector, long platform, long overrun, long scheduling, long unattributed) {
    public static final MissCauses NONE = new MissCauses(0, 0, 0, 0, 0);

    /** The count of one cause; {@code unattributed} is not a cause. */
    public long of(MissCause cause) {
        return switch (cause) {
            case COLLECTOR -> collector;
            case PLATFORM -> platform;
            case OVERRUN -> overrun;
            case SCHEDULING -> scheduling;
        };
    }

    /** Counts one at a time (host thread). */
    public static final class Tally {
        private final long[] counts = new long[MissCause.values().length];

        public void add(MissCause cause) {
            counts[cause.ordinal()]++;
        }

        public long attributed() {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            return sum;
        }

        /** @param total the misses counted, attributed or not */
        public MissCauses toCauses(long total) {
            return new MissCauses(counts[0], counts[1], counts[2], counts[3], Math.max(0, total - attributed()));
        }
    }
}
