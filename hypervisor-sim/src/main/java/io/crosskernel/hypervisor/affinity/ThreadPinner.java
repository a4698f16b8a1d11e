package io.crosskernel.hypervisor.affinity;

import io.crosskernel.hypervisor.topology.CpuList;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.openhft.affinity.Affinity;
import net.openhft.affinity.impl.NullAffinity;

/**
 * Pins the calling thread to one CPU with OpenHFT affinity ({@code sched_setaffinity} on Linux), then reads the mask
 * back so callers learn what the OS actually granted.
 *
 * <p>Threading: every method acts on the calling thread only and may be called from any thread. Not for the hot
 * path: each call is a system call, and the very first call into the library loads JNA (around 100 ms), so the host
 * calls {@link #warmUp()} at boot. Deliberately does not use {@code AffinityLock}: its reservation scheme keeps CPU 0
 * (and by default only CPU 0) for the OS, while the partition plan has already decided which core each worker gets.
 */
public final class ThreadPinner {
    private ThreadPinner() {
    }

    /** Loads the native library now rather than inside the first worker's start-up. Never throws. */
    public static void warmUp() {
        try {
            Affinity.getAffinity();
        } catch (RuntimeException | LinkageError e) {
            // No native support: pinCurrentThread will say so in its result.
        }
    }

    /** @return true if this platform has a native affinity implementation (false e.g. where JNA cannot load) */
    public static boolean isSupported() {
        try {
            return !(Affinity.getAffinityImpl() instanceof NullAffinity);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Restricts the calling thread to {@code cpu}. Never throws: a refused request comes back with
     * {@code pinned == false}, the CPUs the thread may still use, and the reason.
     */
    public static PinResult pinCurrentThread(int cpu) {
        if (cpu < 0) {
            return new PinResult(cpu, currentAffinity(), false, "CPU " + cpu + " is not a CPU number");
        }
        Throwable failure = null;
        try {
            BitSet mask = new BitSet(cpu + 1);
            mask.set(cpu);
            Affinity.setAffinity(mask);
        } catch (RuntimeException | LinkageError e) {
            failure = e;
        }
        List<Integer> granted = currentAffinity();
        boolean pinned = failure == null && granted.equals(List.of(cpu));
        String detail;
        if (pinned) {
            detail = "pinned to CPU " + cpu;
        } else if (failure != null) {
            detail = "could not pin to CPU " + cpu + ": " + reason(cpu, failure) + "; thread may run on "
                    + describeMask(granted);
        } else if (!isSupported()) {
            detail = "could not pin to CPU " + cpu + ": no native affinity support on this platform; thread may run"
                    + " on " + describeMask(granted);
        } else {
            detail = "asked for CPU " + cpu + " but the OS granted " + describeMask(granted);
        }
        return new PinResult(cpu, granted, pinned, detail);
    }

    /** @return the calling thread's allowed CPUs, sorted; empty if they cannot be read */
    static List<Integer> currentAffinity() {
        try {
            BitSet mask = Affinity.getAffinity();
            List<Integer> cpus = new ArrayList<>(mask.cardinality());
            for (int cpu = mask.nextSetBit(0); cpu >= 0; cpu = mask.nextSetBit(cpu + 1)) {
                cpus.add(cpu);
            }
            return List.copyOf(cpus);
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    /** Says in plain words when the CPU is simply not there, keeping the library's own error for the record. */
    private static String reason(int cpu, Throwable failure) {
        CpuTopology topology = CpuTopology.detect();
        if (topology.exists(cpu)) {
            return describe(failure);
        }
        List<Integer> usable = topology.usableCpus();
        return "this process can only use CPUs " + describeMask(usable) + " [" + describe(failure) + "]";
    }

    private static String describeMask(List<Integer> cpus) {
        return cpus.isEmpty() ? "unknown CPUs" : CpuList.format(cpus);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isEmpty() ? "" : " (" + message + ")");
    }
}
