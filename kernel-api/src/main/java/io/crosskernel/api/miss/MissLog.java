package io.crosskernel.api.miss;

import io.crosskernel.api.metrics.SingleWriterCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * The deadline misses one kernel worker saw, for the host to attribute to a cause after the run: a preallocated ring
 * of {@link #CAPACITY} records that overwrites its oldest when full (counted in {@link #dropped()}).
 *
 * <p>Threading: single writer (the worker) for {@link #record}; {@link #recorded()} and {@link #dropped()} from any
 * thread; {@link #misses()} only after the worker stopped (the thread join orders it after the last write).
 * Recording allocates nothing and takes no lock.
 */
public final class MissLog {
    /** Records kept per worker: a 1 ms loop missing every deadline (task and workload) for eight seconds. */
    public static final int CAPACITY = 16384;

    private final byte[] kind = new byte[CAPACITY];
    private final int[] subject = new int[CAPACITY];
    private final long[] release = new long[CAPACITY];
    private final long[] start = new long[CAPACITY];
    private final long[] finish = new long[CAPACITY];
    private final long[] deadline = new long[CAPACITY];
    private final boolean[] overran = new boolean[CAPACITY];
    private final long[] busyFrom = new long[CAPACITY];
    /** The last time the kernel said it had nothing ready; MIN_VALUE when it never says. Writer only. */
    private long idleAt = Long.MIN_VALUE;
    private final SingleWriterCounter recorded = new SingleWriterCounter();
    private int next;
    /** The names of the realtime tasks a {@link MissKind#TASK} miss's subject indexes; set at boot. */
    private volatile List<String> taskNames = List.of();

    /** Per task index: its misses, counted even when the ring drops their records. Writer only; read after. */
    private long[] taskMisses = new long[0];

    /**
     * At boot, before the worker starts, by a kernel whose tasks have their own deadlines: task index i is called
     * {@code names.get(i)}.
     */
    public void nameTasks(List<String> names) {
        taskNames = List.copyOf(names);
        taskMisses = new long[names.size()];
    }

    /** After the worker stopped: the {@link MissKind#TASK} misses of task {@code task}, dropped records included. */
    public long taskMisses(int task) {
        return taskMisses[task];
    }

    /** Any thread: the names given by {@link #nameTasks}, in task index order (empty when none were given). */
    public List<String> taskNames() {
        return taskNames;
    }

    /**
     * Writer only: the kernel has nothing ready to run at {@code now}. A kernel that calls this (cheap: one store)
     * lets attribution look for pauses over the whole busy period of a late job, not only since its release: in a
     * work-conserving kernel a pause anywhere in the busy period delays every job after it by its length, so the
     * backlog a pause leaves is charged to the pause, not to the scheduler.
     */
    public void markIdle(long now) {
        idleAt = now;
    }

    /** Writer only: a miss (see {@link Miss} for the fields). */
    public void record(MissKind what, int who, long releaseNanos, long startNanos, long finishNanos,
            long deadlineNanos, boolean overrun) {
        int slot = next;
        kind[slot] = (byte) what.ordinal();
        subject[slot] = who;
        release[slot] = releaseNanos;
        start[slot] = startNanos;
        finish[slot] = finishNanos;
        deadline[slot] = deadlineNanos;
        overran[slot] = overrun;
        // The busy period began at the last idle moment before the release; a later one (or none) means: release.
        busyFrom[slot] = idleAt != Long.MIN_VALUE && idleAt - releaseNanos < 0 ? idleAt : releaseNanos;
        next = slot + 1 == CAPACITY ? 0 : slot + 1;
        if (what == MissKind.TASK && who < taskMisses.length) {
            taskMisses[who]++;
        }
        recorded.increment();
    }

    /** Any thread: misses recorded so far, dropped ones included. */
    public long recorded() {
        return recorded.get();
    }

    /** Any thread: misses the ring no longer holds (they stay unattributed). */
    public long dropped() {
        return Math.max(0, recorded.get() - CAPACITY);
    }

    /** After the worker stopped: the misses the ring holds, oldest first. */
    public List<Miss> misses() {
        long n = recorded.get();
        int held = (int) Math.min(n, CAPACITY);
        int first = n > CAPACITY ? next : 0;
        MissKind[] kinds = MissKind.values();
        List<Miss> all = new ArrayList<>(held);
        for (int i = 0; i < held; i++) {
            int s = (first + i) % CAPACITY;
            all.add(new Miss(kinds[kind[s]], subject[s], release[s], start[s], finish[s], deadline[s], overran[s],
                    busyFrom[s]));
        }
        return all;
    }
}
