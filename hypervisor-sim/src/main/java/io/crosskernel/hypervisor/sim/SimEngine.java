package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.idle.IdleStrategy;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.Source;
import io.crosskernel.hypervisor.channel.ChannelInterposer;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The discrete-event engine of a simulated run: every kernel worker of the scenario is driven on the calling thread,
 * each on the virtual core its scenario core id names, in virtual time (docs/SIMULATION.md).
 *
 * <p><b>The loop.</b> Each worker has the time it next wants to run ({@code nextRun}); each virtual core its local
 * time (the end of the last duty cycle it ran). The engine repeatedly takes the worker whose start,
 * {@code max(nextRun, core time)}, is earliest (ties: the lower worker index, the scenario's order, so the event order
 * is total and the same on every run), sets the {@link SimClock} to it and calls the kernel's {@code doWork} once.
 * Costs the kernel spends move the clock ({@link SimClock#spinUntil}); a duty cycle that did work also costs the
 * calibrated {@link Calibration#dutyCycleNanos()}, plus {@link Calibration#perWorkNanos()} per unit of work it reported. Workers sharing a core take turns on it, a duty cycle at a time.
 *
 * <p><b>Sleeping.</b> A worker whose {@code doWork} returned 0 sleeps until the earliest of: its kernel's own timer
 * ({@link Kernel#nextWakeNanos}), and for the dispatching worker 0 the next message becoming visible on an inbound
 * channel and its sources' next arrival. Other events wake it early: a message offered to its kernel (at the
 * message's visibility time), a drain that makes room after it was refused, and a busy duty cycle of a sibling worker
 * of the same kernel that leaves it {@linkplain Kernel#hasPendingWork pending work} (at the end of that duty cycle:
 * kernels hand work between their workers over their own queues, which the engine cannot see). A worker that returned
 * 0 with something already due (a message it could not take, its job pool full) polls again {@value #REPOLL_NANOS} ns
 * later. A worker that did work runs again at once if its kernel says it has pending work, and otherwise sleeps as an
 * idle one would (not before the end of its duty cycle): the duty cycle that would have found nothing is not run,
 * which changes no state and no time, only the count of duty cycles (a kernel that does not answer runs it as before).
 * An idle worker notices an event no sooner than its idle strategy lets it poll: a parked worker at the end of its
 * park ({@link IdleModel}).
 *
 * <p><b>Finding the next worker.</b> Every worker sits in a {@link WorkerHeap} keyed by its start, ties by index:
 * the next duty cycle is the heap's first, and each change of a worker's {@code nextRun} or of its core's time
 * re-places the workers concerned in O(log n), so an event costs the same with 3 workers as with 256.
 *
 * <p><b>Deferred wake-ups.</b> When a parking worker notices an event depends on its parks, drawn one by one from its
 * own generator ({@link IdleModel}); a worker that sleeps until a far timer would draw every park up to it, and a
 * message arriving meanwhile usually ends the idle stretch after one or two. So the engine keeps a sleeping worker
 * keyed by the event itself, a lower bound of when it notices it ({@code seenAt(E) >= E}), and works out the park it
 * ends with only when the worker comes first in the heap: the order of duty cycles is the one exact resolution
 * would give (a worker's true start is never before its key), and the parks drawn are only those some question
 * needed. Earlier events merge into the deferred one without drawing, because {@code seenAt} is monotone:
 * {@code min(seenAt(a), seenAt(b)) == seenAt(min(a, b))}.
 *
 * <p>Threading: one thread, the host's; nothing here is shared.
 */
public final class SimEngine implements ChannelInterposer {
    /** How soon a worker that declined due work polls again, in virtual nanoseconds. */
    static final long REPOLL_NANOS = 1_000;
    private static final long NOT_DEFERRED = Long.MIN_VALUE;

    private final SimClock clock;
    private final Calibration calibration;
    private final int workers;
    private final int[] kernelOf;
    private final int[] workerNo;
    private final int[] coreOf;
    private final int[] firstWorker;
    private final int[] workerCount;
    private final String[] kernelNames;
    private final long[] nextRun;
    /**
     * Per worker, {@link #NOT_DEFERRED} or the event an idle worker sleeps until it notices ({@code E}): its start is
     * then {@code min(seenAt(E), deferredCap)}, worked out only when it is due (see "Deferred wake-ups" above), and
     * {@code nextRun} holds its lower bound {@code min(E, deferredCap)}.
     */
    private final long[] deferredEvent;
    /** Per deferred worker, the earliest signal ({@link #wakeAtOnce}) it has had since it went to sleep. */
    private final long[] deferredCap;
    /** Per worker, when its idle strategy lets it notice an event (parks delay it; spins do not). */
    private final IdleModel[] idleModels;
    private final long[] coreTime;
    /** Per virtual core, the workers that run on it (their starts move with its time). */
    private final int[][] workersOnCore;
    /** Every worker keyed by its start, {@code max(nextRun, core time)}: the loop's order. */
    private final WorkerHeap order;
    private final int[] coreIds;
    private final Interruptions[] interruptions;
    private final Kernel[] kernels;
    private final KernelContext[] contexts;
    private final WorkerMetrics[] metrics;
    private final ArrivalSchedule[][] schedules;
    private final SimChannel[][] inbound;
    private final long[] crashAt;
    private final boolean[] crashed;
    private final Map<SpscChannel, SimChannel> views = new IdentityHashMap<>();
    /** The same views in the fabric's order: every iteration goes through this list, never the identity map. */
    private final List<SimChannel> viewList = new ArrayList<>();
    private final SimFaults faults;
    private final long seed;
    private ErrorSink errors = (kernel, worker, error) -> {
        throw new IllegalStateException("kernel " + kernel + "[" + worker + "] failed", error);
    };
    private long steps;

    /** Where the engine reports an exception thrown by a kernel's {@code doWork}. */
    @FunctionalInterface
    public interface ErrorSink {
        void record(String kernelName, int worker, Throwable error);
    }

    /**
     * Lays out the workers: kernel {@code k}'s worker {@code i} runs on virtual core {@code cores.get(k).get(i)}.
     *
     * @param kernelNames per kernel id
     * @param cores       per kernel id, its cores (worker i on the i-th)
     * @param idle        per kernel id, the idle strategy its workers use (each worker gets its own model of it)
     */
    public SimEngine(SimClock clock, Calibration calibration, NoiseModel noise, long seed, SimFaults faults,
            List<String> kernelNames, List<List<Integer>> cores, List<IdleStrategy> idle) {
        this.clock = clock;
        this.calibration = calibration;
        this.faults = faults;
        this.seed = seed;
        int kernelCount = cores.size();
        this.kernelNames = kernelNames.toArray(new String[0]);
        this.firstWorker = new int[kernelCount];
        this.workerCount = new int[kernelCount];
        List<Integer> distinctCores = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < kernelCount; k++) {
            firstWorker[k] = n;
            workerCount[k] = cores.get(k).size();
            n += workerCount[k];
            for (int core : cores.get(k)) {
                if (!distinctCores.contains(core)) {
                    distinctCores.add(core);
                }
            }
        }
        distinctCores.sort(null);
        this.workers = n;
        this.kernelOf = new int[n];
        this.workerNo = new int[n];
        this.coreOf = new int[n];
        this.nextRun = new long[n];
        this.deferredEvent = new long[n];
        this.deferredCap = new long[n];
        Arrays.fill(deferredEvent, NOT_DEFERRED);
        this.idleModels = new IdleModel[n];
        for (int k = 0; k < kernelCount; k++) {
            for (int i = 0; i < workerCount[k]; i++) {
                int w = firstWorker[k] + i;
                idleModels[w] = IdleModel.of(idle.get(k), calibration.idle(), streamRandom(seed, 2_000_000L + w));
                kernelOf[w] = k;
                workerNo[w] = i;
                coreOf[w] = distinctCores.indexOf(cores.get(k).get(i));
                nextRun[w] = Long.MAX_VALUE; // asleep until the run starts
            }
        }
        this.coreIds = distinctCores.stream().mapToInt(Integer::intValue).toArray();
        this.coreTime = new long[coreIds.length];
        this.workersOnCore = new int[coreIds.length][];
        for (int c = 0; c < coreIds.length; c++) {
            int core = c;
            workersOnCore[c] = IntStream.range(0, n).filter(w -> coreOf[w] == core).toArray();
        }
        this.order = new WorkerHeap(n);
        this.interruptions = new Interruptions[coreIds.length];
        for (int c = 0; c < coreIds.length; c++) {
            long[][] stalls = faults.stallsOfCore(coreIds[c]);
            // Each core draws its hiccups from its own generator, so adding a core does not move another's noise.
            interruptions[c] = new Interruptions(stalls[0], stalls[1], noise, streamRandom(seed, 1_000_000L + coreIds[c]));
        }
        this.kernels = new Kernel[kernelCount];
        this.contexts = new KernelContext[kernelCount];
        this.metrics = new WorkerMetrics[n];
        this.schedules = new ArrivalSchedule[kernelCount][];
        this.inbound = new SimChannel[kernelCount][];
        this.crashAt = new long[kernelCount];
        this.crashed = new boolean[kernelCount];
        for (int k = 0; k < kernelCount; k++) {
            crashAt[k] = faults.crashOffset(k);
        }
    }

    /** The clock every kernel and the host read. */
    public SimClock clock() {
        return clock;
    }

    /** Where doWork's exceptions go (the host's error log). */
    public void errors(ErrorSink sink) {
        this.errors = sink;
    }

    /**
     * While the fabric is built (before boot): the virtual-time view of {@code channel}, between its sending end and
     * its ring. Each view has its own hop-latency generator seeded from the run's seed and the channel's position in
     * the fabric (so the draws do not depend on the order of events).
     */
    @Override
    public OutboundChannel interpose(SpscChannel channel) {
        return viewOf(channel);
    }

    /** The same view, between the ring and the channel's receiving end. */
    @Override
    public InboundChannel interposeInbound(SpscChannel channel) {
        return viewOf(channel);
    }

    private SimChannel viewOf(SpscChannel channel) {
        SimChannel view = views.get(channel);
        if (view == null) {
            view = new SimChannel(channel, clock, this, firstWorker[channel.fromKernel()],
                    firstWorker[channel.toKernel()], calibration.hop(), streamRandom(seed, viewList.size()));
            views.put(channel, view);
            viewList.add(view);
        }
        return view;
    }

    /** The virtual-time view of {@code channel} ({@link #wrap} first); null stays null (no channel). */
    public SimChannel view(SpscChannel channel) {
        if (channel == null) {
            return null;
        }
        SimChannel view = views.get(channel);
        if (view == null) {
            throw new IllegalArgumentException("channel " + channel + " is not part of the simulated fabric");
        }
        return view;
    }

    /** After boot, per kernel: the kernel, its context (sources, inbound channels) and its workers' metrics. */
    public void attach(int kernelId, Kernel kernel, KernelContext context, WorkerMetrics[] workerMetrics) {
        kernels[kernelId] = kernel;
        contexts[kernelId] = context;
        for (int i = 0; i < workerMetrics.length; i++) {
            metrics[firstWorker[kernelId] + i] = workerMetrics[i];
        }
        List<Source> sources = context.sources();
        ArrivalSchedule[] own = new ArrivalSchedule[sources.size()];
        for (int i = 0; i < own.length; i++) {
            own[i] = sources.get(i).schedule();
        }
        schedules[kernelId] = own;
        List<SimChannel> in = new ArrayList<>();
        for (SimChannel view : viewList) {
            if (view.toKernel() == kernelId) {
                in.add(view);
            }
        }
        in.sort((a, b) -> Integer.compare(a.fromKernel(), b.fromKernel()));
        inbound[kernelId] = in.toArray(new SimChannel[0]);
    }

    /**
     * The workload starts at {@code runStartNanos} (the host opened the sources): every worker runs once then, and
     * the faults and the noise are armed relative to it.
     */
    public void start(long runStartNanos) {
        for (int c = 0; c < coreTime.length; c++) {
            coreTime[c] = runStartNanos;
            interruptions[c].start(runStartNanos);
        }
        for (int w = 0; w < workers; w++) {
            nextRun[w] = runStartNanos;
            reschedule(w);
        }
        for (int k = 0; k < crashAt.length; k++) {
            if (crashAt[k] != Long.MAX_VALUE) {
                crashAt[k] += runStartNanos;
            }
        }
        for (SimChannel view : viewList) {
            faults.arm(view, runStartNanos);
        }
    }

    /**
     * Runs every duty cycle that starts before {@code hostTime}, in time order, then sets the clock to
     * {@code hostTime} for the host to read.
     */
    public void runUntil(long hostTime) {
        while (true) {
            int w = order.first();
            if (w < 0) {
                break;
            }
            long best = order.key(w);
            if (best == WorkerHeap.NEVER || best >= hostTime) {
                break;
            }
            if (deferredEvent[w] != NOT_DEFERRED) {
                resolveDeferred(w); // its true start is at or after its key: re-placed, maybe behind another worker
                continue;
            }
            int core = coreOf[w];
            long start = interruptions[core].available(best);
            if (start != best) {
                coreTime[core] = start; // the core was taken away: its workers wait
                coreMoved(core);
                continue;
            }
            int k = kernelOf[w];
            if (start >= crashAt[k]) {
                crash(k);
                continue;
            }
            step(w, k, core, start);
        }
        clock.setHostTime(hostTime);
    }

    private void step(int w, int k, int core, long start) {
        Kernel kernel = kernels[k];
        int worker = workerNo[w];
        WorkerMetrics m = metrics[w];
        clock.enter(start, interruptions[core]);
        int work;
        try {
            work = kernel.doWork(worker);
        } catch (Throwable t) {
            m.kernelErrors.increment();
            errors.record(kernelNames[k], worker, t);
            work = 0;
        }
        steps++;
        m.dutyCycles.increment();
        if (work > 0) {
            clock.spinUntil(clock.nanoTime() + calibration.dutyCycleNanos() + calibration.perWorkNanos() * work);
        }
        long end = clock.leave();
        coreTime[core] = end;
        if (work > 0) {
            m.busyNanos.add(end - start);
            idleModels[w].busy();
            // Again at once only with work the engine cannot see; otherwise asleep until the next event it can, and
            // idle from the end of this duty cycle (as the real worker is after one empty poll).
            long wake;
            if (kernel.hasPendingWork(worker) || (wake = wakeTime(w, k, worker, kernel)) - end <= 0) {
                nextRun[w] = end;
            } else {
                idleModels[w].idleFrom(end);
                sleepUntilSeen(w, wake); // wake > end, so seenAt(wake) > end too
            }
            boolean signalled = kernel.wakesIdleWorkersAtOnce();
            for (int s = firstWorker[k], last = s + workerCount[k]; s < last; s++) {
                if (s != w && kernel.hasPendingWork(workerNo[s])) {
                    if (signalled) {
                        wakeAtOnce(s, end);
                    } else {
                        wake(s, end);
                    }
                }
            }
        } else {
            IdleModel idle = idleModels[w];
            idle.idleFrom(end);
            long wake = wakeTime(w, k, worker, kernel);
            if (wake - end > 0) {
                sleepUntilSeen(w, wake);
            } else {
                nextRun[w] = wake > start ? Math.max(idle.seenAt(wake), end) : end + REPOLL_NANOS;
            }
        }
        coreMoved(core); // w's own start, and that of the core's other workers
    }

    /** Re-keys worker {@code w} after its {@code nextRun} or its core's time changed. */
    private void reschedule(int w) {
        long r = nextRun[w];
        order.update(w, r == Long.MAX_VALUE ? WorkerHeap.NEVER : Math.max(r, coreTime[coreOf[w]]));
    }

    /** Re-keys the workers of {@code core} after its time moved. */
    private void coreMoved(int core) {
        for (int w : workersOnCore[core]) {
            reschedule(w);
        }
    }

    /** The earliest event that could give an idle worker work (see the class comment). */
    private long wakeTime(int w, int k, int worker, Kernel kernel) {
        long wake = kernel.nextWakeNanos(worker);
        if (worker == 0) {
            for (SimChannel channel : inbound[k]) {
                wake = Math.min(wake, channel.nextVisibleNanos());
            }
            KernelContext context = contexts[k];
            if (schedules[k].length > 0 && context.sourcesOpen()) {
                long base = context.runStartNanos();
                for (ArrivalSchedule schedule : schedules[k]) {
                    long offset = schedule.peek();
                    if (offset != ArrivalSchedule.NO_MORE_ARRIVALS) {
                        wake = Math.min(wake, base + offset);
                    }
                }
            }
        }
        return wake;
    }

    /**
     * Worker {@code w}, idle since its duty cycle's end (before {@code event}), sleeps until it notices {@code event}:
     * deferred, keyed by the event. The caller re-keys it.
     */
    private void sleepUntilSeen(int w, long event) {
        deferredEvent[w] = event;
        deferredCap[w] = Long.MAX_VALUE;
        nextRun[w] = event;
    }

    /** Works out deferred worker {@code w}'s start (drawing the parks up to its event) and re-keys it. */
    private void resolveDeferred(int w) {
        long event = deferredEvent[w];
        deferredEvent[w] = NOT_DEFERRED;
        nextRun[w] = Math.min(idleModels[w].seenAt(event), deferredCap[w]);
        reschedule(w);
    }

    /**
     * Something for worker {@code w} happens at {@code at}: it runs then at the latest, or, idle, when its idle
     * strategy next lets it look.
     */
    void wake(int w, long at) {
        if (deferredEvent[w] != NOT_DEFERRED) {
            if (at < deferredEvent[w]) { // seenAt is monotone: the earlier event is the one it notices first
                deferredEvent[w] = at;
                lowerKey(w, at);
            }
            return;
        }
        wakeAtOnce(w, idleModels[w].idle() ? idleModels[w].seenAt(at) : at);
    }

    /** As {@link #wake} for an event that reaches the worker whatever its idle strategy (a signal): at {@code at}. */
    private void wakeAtOnce(int w, long at) {
        if (deferredEvent[w] != NOT_DEFERRED) {
            if (at < deferredCap[w]) {
                deferredCap[w] = at;
                lowerKey(w, at);
            }
            return;
        }
        lowerKey(w, at);
    }

    /** Moves worker {@code w}'s {@code nextRun} (or a deferred worker's lower bound) earlier to {@code at}. */
    private void lowerKey(int w, long at) {
        if (at < nextRun[w] && !crashed[kernelOf[w]]) {
            nextRun[w] = at;
            reschedule(w);
        }
    }

    private void crash(int k) {
        crashed[k] = true;
        for (int s = firstWorker[k], last = s + workerCount[k]; s < last; s++) {
            deferredEvent[s] = NOT_DEFERRED;
            nextRun[s] = Long.MAX_VALUE;
            reschedule(s);
        }
    }

    /** Duty cycles run so far: the engine's events. */
    public long steps() {
        return steps;
    }

    /** True once kernel {@code kernelId} has crashed (an injected fault). */
    public boolean crashed(int kernelId) {
        return crashed[kernelId];
    }

    /** Hiccups of the noise model the cores met, over all cores. */
    public long hiccups() {
        long sum = 0;
        for (Interruptions i : interruptions) {
            sum += i.hiccups();
        }
        return sum;
    }

    /** Virtual time the cores lost to hiccups and stalls, over all cores. */
    public long lostNanos() {
        long sum = 0;
        for (Interruptions i : interruptions) {
            sum += i.lostNanos();
        }
        return sum;
    }

    /** Messages lost to drop faults, over every channel. */
    public long droppedByFaults() {
        long sum = 0;
        for (SimChannel view : viewList) {
            sum += view.droppedByFault();
        }
        return sum;
    }

    /** A generator for one stream of draws: the run's seed mixed with the stream's number (SplitMix64's mix). */
    static SplittableRandom streamRandom(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }
}
