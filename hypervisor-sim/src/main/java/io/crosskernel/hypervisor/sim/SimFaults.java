package io.crosskernel.hypervisor.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The faults of a simulated run ({@code sim: {faults: [...]}} in the scenario), sorted into what each virtual core,
 * kernel and channel needs. Times are offsets from the run's start until the engine arms them.
 *
 * <p>Immutable; the arrays it hands out are fresh copies the receiver may change.
 */
public final class SimFaults {
    public static final SimFaults NONE = new SimFaults(List.of());

    private final List<SimFault> faults;

    public SimFaults(List<SimFault> faults) {
        List<SimFault> sorted = new ArrayList<>(faults);
        sorted.sort(Comparator.comparingLong(SimFault::atNanos));
        this.faults = List.copyOf(sorted);
    }

    /** Every fault, by start time. */
    public List<SimFault> all() {
        return faults;
    }

    /** Stall windows of core {@code coreId}: {starts, ends}, offsets, by start. */
    long[][] stallsOfCore(int coreId) {
        List<SimFault.Stall> stalls = new ArrayList<>();
        for (SimFault fault : faults) {
            if (fault instanceof SimFault.Stall stall && stall.core() == coreId) {
                stalls.add(stall);
            }
        }
        long[] starts = new long[stalls.size()];
        long[] ends = new long[stalls.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = stalls.get(i).atNanos();
            ends[i] = starts[i] + stalls.get(i).forNanos();
        }
        return new long[][] {starts, ends};
    }

    /** When kernel {@code kernelId} crashes (offset), or {@link Long#MAX_VALUE}. */
    long crashOffset(int kernelId) {
        long at = Long.MAX_VALUE;
        for (SimFault fault : faults) {
            if (fault instanceof SimFault.Crash crash && crash.kernelId() == kernelId) {
                at = Math.min(at, crash.atNanos());
            }
        }
        return at;
    }

    /** Gives {@code channel} its delay and drop windows, in absolute time from {@code runStart}. */
    void arm(SimChannel channel, long runStart) {
        List<SimFault.Delay> delays = new ArrayList<>();
        List<SimFault.Drop> drops = new ArrayList<>();
        for (SimFault fault : faults) {
            if (fault instanceof SimFault.Delay d && d.from() == channel.fromKernel() && d.to() == channel.toKernel()) {
                delays.add(d);
            } else if (fault instanceof SimFault.Drop d && d.from() == channel.fromKernel()
                    && d.to() == channel.toKernel()) {
                drops.add(d);
            }
        }
        long[] delayStarts = new long[delays.size()];
        long[] delayEnds = new long[delays.size()];
        long[] delayBy = new long[delays.size()];
        for (int i = 0; i < delayStarts.length; i++) {
            delayStarts[i] = runStart + delays.get(i).atNanos();
            delayEnds[i] = delayStarts[i] + delays.get(i).forNanos();
            delayBy[i] = delays.get(i).byNanos();
        }
        long[] dropStarts = new long[drops.size()];
        long[] dropEnds = new long[drops.size()];
        for (int i = 0; i < dropStarts.length; i++) {
            dropStarts[i] = runStart + drops.get(i).atNanos();
            dropEnds[i] = dropStarts[i] + drops.get(i).forNanos();
        }
        channel.faults(delayStarts, delayEnds, delayBy, dropStarts, dropEnds);
    }
}
