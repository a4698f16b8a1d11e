package io.crosskernel.hypervisor.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.crosskernel.api.Clock;
import io.crosskernel.api.hiccup.Intervals;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's stop-the-world collector pauses during a run, on the run's clock, from the garbage collectors'
 * notifications ({@link GarbageCollectionNotificationInfo}): what {@link io.crosskernel.api.miss.MissClassifier}
 * calls the {@code collector} evidence.
 *
 * <p><b>Precision.</b> A notification gives the collection's start and end in whole milliseconds since the JVM's
 * management layer started, a time base that is neither the run's clock nor {@code RuntimeMXBean.getUptime()} (the
 * two differ by tens of milliseconds on HotSpot). The offset to the run's clock is therefore calibrated on a
 * collection whose clock time is known: {@link #collectAndCalibrate()} reads the clock, calls {@code System.gc()},
 * reads it again, and the notification of that collection fixes the offset (to the middle of what the two readings
 * allow). Without it (explicit collections disabled or concurrent) the uptime gives the offset, a worse guess. Each
 * pause is then widened by {@link #SLACK_NANOS} on both sides for the millisecond rounding, so a sub-millisecond
 * pause (duration 0) still covers the instant it happened. A miss next to a pause may so be called
 * {@code collector} when it was not; it is never the other way round.
 *
 * <p><b>What counts.</b> Collections by the beans that report pauses (G1's and Parallel's young and old, Serial's,
 * ZGC's and Shenandoah's "Pauses"); the beans that report concurrent cycles ("Cycles", "Concurrent") are skipped:
 * their duration is not a pause.
 *
 * <p>Threading: {@link #start} and {@link #stop} on the host thread; notifications arrive on the JVM's notification
 * thread (never a kernel worker) and are kept under this object's lock; {@link #intervals()} from any thread.
 */
public final class CollectorPauses implements NotificationListener, AutoCloseable {
    /** How far each pause is widened on both sides: the notifications' millisecond rounding, twice over. */
    public static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final String EXPLICIT_CAUSE = "System.gc()";

    private final Clock clock;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    /** Per pause: start and end in notification milliseconds. Guarded by this. */
    private final List<long[]> pauses = new ArrayList<>();
    /** Pauses injected on the run's clock (tests). Guarded by this. */
    private final List<long[]> injected = new ArrayList<>();
    /** Run-clock nanos minus notification milliseconds in nanos. Guarded by this. */
    private long offsetNanos;
    private boolean calibrating;
    /** The explicit collection has returned: its notification may calibrate. */
    private boolean collected;
    /** Pauses recorded before the explicit collection began: not it. */
    private int pausesBefore;
    private boolean calibrated;
    private long calibrationBefore;
    private long calibrationAfter;

    private CollectorPauses(Clock clock) {
        this.clock = clock;
        long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        this.offsetNanos = clock.nanoTime() - TimeUnit.MILLISECONDS.toNanos(uptimeMillis);
    }

    /**
     * Collects the garbage now ({@code System.gc()}) and uses that collection's notification to map notification
     * times onto the run's clock. Host thread; blocks for the collection.
     */
    public void collectAndCalibrate() {
        long before = clock.nanoTime();
        synchronized (this) {
            calibrating = true;
            calibrationBefore = before;
            pausesBefore = pauses.size();
        }
        System.gc();
        long after = clock.nanoTime();
        synchronized (this) {
            calibrationAfter = after;
            collected = true;
            // The notification may have come already (it waited for the second reading) or may come later.
            for (int i = pausesBefore; i < pauses.size() && calibrating; i++) {
                if (pauses.get(i)[2] == 1) {
                    calibrate(pauses.get(i)[0], pauses.get(i)[1]);
                }
            }
        }
    }

    /** Whether a collection's notification has fixed the offset (otherwise the uptime guessed it). */
    public synchronized boolean calibrated() {
        return calibrated;
    }

    private void calibrate(long startMillis, long endMillis) {
        // The collection ran inside [before, after]: offset + start >= before and offset + end <= after.
        long lowest = calibrationBefore - TimeUnit.MILLISECONDS.toNanos(startMillis);
        long highest = calibrationAfter - TimeUnit.MILLISECONDS.toNanos(endMillis);
        offsetNanos = lowest + (highest - lowest) / 2;
        calibrating = false;
        calibrated = true;
    }

    /** Starts listening to every collector of this JVM. */
    public static CollectorPauses start(Clock clock) {
        CollectorPauses pauses = new CollectorPauses(clock);
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter && reportsPauses(bean.getName())) {
                emitter.addNotificationListener(pauses, null, null);
                pauses.emitters.add(emitter);
            }
        }
        return pauses;
    }

    static boolean reportsPauses(String collectorName) {
        String name = collectorName.toLowerCase(Locale.ROOT);
        return !name.contains("cycles") && !name.contains("concurrent");
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long startMillis = info.getGcInfo().getStartTime();
        long endMillis = info.getGcInfo().getEndTime();
        boolean explicit = EXPLICIT_CAUSE.equals(info.getGcCause());
        synchronized (this) {
            pauses.add(new long[] {startMillis, endMillis, explicit ? 1 : 0});
            if (explicit && calibrating && collected) {
                calibrate(startMillis, endMillis);
            }
        }
    }

    /** A pause from {@code startNanos} to {@code endNanos} on the run's clock, as is (tests inject them so). */
    public synchronized void add(long startNanos, long endNanos) {
        injected.add(new long[] {startNanos, endNanos});
    }

    /** The pauses seen so far, on the run's clock, each widened by {@link #SLACK_NANOS}; injected ones as given. */
    public synchronized Intervals intervals() {
        int n = pauses.size() + injected.size();
        long[] from = new long[n];
        long[] to = new long[n];
        int i = 0;
        for (long[] pause : pauses) {
            from[i] = offsetNanos + TimeUnit.MILLISECONDS.toNanos(pause[0]) - SLACK_NANOS;
            to[i++] = offsetNanos + TimeUnit.MILLISECONDS.toNanos(pause[1]) + SLACK_NANOS;
        }
        for (long[] pause : injected) {
            from[i] = pause[0];
            to[i++] = pause[1];
        }
        return Intervals.of(from, to);
    }

    /** Stops listening; the pauses seen stay readable. Idempotent. */
    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException alreadyGone) {
                // Nothing to undo.
            }
        }
        emitters.clear();
    }
}
