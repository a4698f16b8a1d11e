package io.crosskernel.api.miss;

import io.crosskernel.api.metrics.SingleWriterCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The deadline misses one kernel worker saw, for the host to attribute to a cause after the run: a preallocated ring
 * of {@link #CAPACITY} records that overwrites its oldest when full (counted in {@link #dropped()}).
 *
 * <p>Threading: single writer (the worker) for {@link #record}; {@link #recorded()} and {@link #dropped()} from any
 * thread; {@link #misses()} only after the worker stopped (the thread join orders it after the last write).
 * Recording allocates nothing and takes no lock. A {@linkplain #growing() growing} log (a simulated run, where
 * allocating costs no virtual time) starts empty and doubles its ring up to {@link #CAPACITY} as misses come, so a
 * simulated run of many workers does not pay for 0.75 MiB per worker that few of them fill.
 */
public final class MissLog {
    /** Records kept per worker: a 1 ms loop missing every deadline (task and workload) for eight seconds. */
    public static final int CAPACITY = 16384;

    /** The ring, one array per field: CAPACITY long, or shorter while a growing log grows it (writer only). */
    private byte[] kind;
    private int[] subject;
    private long[] release;
    private long[] start;
    private long[] finish;
    private long[] deadline;
    private boolean[] overran;
    private long[] busyFrom;
    /** The last time the kernel said it had nothing ready; MIN_VALUE when it never says. Writer only. */
    private long idleAt = Long.MIN_VALUE;
    private final SingleWriterCounter recorded = new SingleWriterCounter();
    private int next;
    /** The names of the realtime tasks a {@link MissKind#TASK} miss's subject indexes; set at boot. */
    private volatile List<String> taskNames = List.of();

    /** Per task index: its misses, counted even when the ring drops their records. Writer only; read after. */
    private long[] taskMisses = new long[0];

    /** A log whose ring is allocated whole: recording never allocates (a real run). */
    public MissLog() {
        this(CAPACITY);
    }

    private MissLog(int ringLength) {
        kind = new byte[ringLength];
        subject = new int[ringLength];
        release = new long[ringLength];
        start = new long[ringLength];
        finish = new long[ringLength];
        deadline = new long[ringLength];
        overran = new boolean[ringLength];
        busyFrom = new long[ringLength];
    }

    /** A log whose ring starts empty and grows to {@link #CAPACITY} as misses come: recording may allocate. */
    public static MissLog growing() {
        return new MissLog(0);
    }

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
        if (slot == kind.length) {
            grow(); // only a growing log's ring is ever shorter than CAPACITY
        }
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

    /** Writer only: doubles a growing log's ring (it has not wrapped: it wraps only at CAPACITY). */
    private void grow() {
        int length = Math.min(CAPACITY, Math.max(16, kind.length * 2));
        kind = Arrays.copyOf(kind, length);
        subject = Arrays.copyOf(subject, length);
        release = Arrays.copyOf(release, length);
        start = Arrays.copyOf(start, length);
        finish = Arrays.copyOf(finish, length);
        deadline = Arrays.copyOf(deadline, length);
        overran = Arrays.copyOf(overran, length);
        busyFrom = Arrays.copyOf(busyFrom, length);
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
