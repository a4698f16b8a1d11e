package io.crosskernel.kernels.compute;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.affinity.Affinity;
import net.openhft.affinity.impl.NullAffinity;

/**
 * Creates the compute kernel's ForkJoinPool threads, each pinned (OpenHFT affinity, {@code sched_setaffinity} on
 * Linux) as it starts: the k-th thread created goes to {@code cores.get(k % cores.size())}. What the OS granted is
 * read back and kept for the report; a thread that cannot be pinned runs unpinned and says so - pinning never throws.
 *
 * <p>Kernels cannot depend on the host's pinning code, hence this small copy of its read-back logic.
 *
 * <p>Threading: {@link #newThread} is called by the pool on whatever thread makes it grow; the pin itself runs on
 * the new thread in {@code onStart}. Results are kept in a copy-on-write list (a thread start is rare, and the host
 * reads them after the run). Not for the hot path: pinning is a system call.
 */
final class PinnedForkJoinThreadFactory implements ForkJoinPool.ForkJoinWorkerThreadFactory {
    private final String namePrefix;
    private final int[] cores;
    private final AtomicInteger created = new AtomicInteger();
    private final List<ForkJoinPin> pins = new CopyOnWriteArrayList<>();

    PinnedForkJoinThreadFactory(String namePrefix, List<Integer> cores) {
        if (cores.isEmpty()) {
            throw new IllegalArgumentException("a compute kernel needs at least one core");
        }
        this.namePrefix = namePrefix;
        this.cores = cores.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Loads the native library now (around 100 ms the first time) rather than in the first pool thread. */
    static void warmUp() {
        try {
            Affinity.getAffinity();
        } catch (RuntimeException | LinkageError e) {
            // No native support: each pin will say so.
        }
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        int k = created.getAndIncrement();
        return new PinnedThread(pool, namePrefix + k, cores[k % cores.length]);
    }

    /** Every pin attempt so far, in the order threads started. */
    List<ForkJoinPin> pins() {
        return List.copyOf(pins);
    }

    /** Pins the calling thread to {@code cpu} and reads back what the OS granted. Never throws. */
    static ForkJoinPin pinCurrentThread(String thread, int cpu) {
        Throwable failure = null;
        try {
            Affinity.setAffinity(cpu);
        } catch (RuntimeException | LinkageError e) {
            failure = e;
        }
        List<Integer> granted = currentAffinity();
        boolean pinned = failure == null && granted.equals(List.of(cpu));
        String detail;
        if (pinned) {
            detail = "pinned to CPU " + cpu;
        } else if (failure != null) {
            detail = "unpinned: could not pin to CPU " + cpu + " (" + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + "), may run on " + granted;
        } else if (!nativeSupport()) {
            detail = "unpinned: no native affinity support, may run on " + granted;
        } else {
            detail = "unpinned: asked for CPU " + cpu + ", the OS granted " + granted;
        }
        return new ForkJoinPin(thread, cpu, granted, pinned, detail);
    }

    private static boolean nativeSupport() {
        try {
            return !(Affinity.getAffinityImpl() instanceof NullAffinity);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static List<Integer> currentAffinity() {
        try {
            BitSet mask = Affinity.getAffinity();
            List<Integer> cpus = new ArrayList<>(mask.cardinality());
            for (int cpu = mask.nextSetBit(0); cpu >= 0; cpu = mask.nextSetBit(cpu + 1)) {
                cpus.add(cpu);
            }
            return cpus;
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    /** A pool thread that pins itself before it takes its first task. */
    private final class PinnedThread extends ForkJoinWorkerThread {
        private final int cpu;

        PinnedThread(ForkJoinPool pool, String name, int cpu) {
            super(pool);
            setName(name);
            setDaemon(true);
            this.cpu = cpu;
        }

        @Override
        protected void onStart() {
            super.onStart();
            pins.add(pinCurrentThread(getName(), cpu));
        }
    }
}
