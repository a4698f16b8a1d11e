package io.crosskernel.bench.plain;

import io.crosskernel.bench.BenchFlags;
import io.crosskernel.bench.Json;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The plain two-thread round trip of issue 16: the channel driven the way an embedding user drives it, against the
 * volatile floor and two queues, in one JVM and in the same rounds. A pinger pinned to CPU
 * {@value BenchFlags#MEASURE_CPU} sends one message and spins until its echo, pinned to CPU
 * {@value BenchFlags#ECHO_CPU}, sends it back; one message in flight, both sides spinning, no
 * {@code Thread.onSpinWait()}; every reply checked for order. Each round runs every transport once: its own echo
 * thread, {@code warmup} unrecorded round trips, then {@code roundTrips} timed with {@code System.nanoTime()} into an
 * HdrHistogram. Each round's p50 and p99 are divided by that round's floor (and the p50 by that round's JCTools), so a
 * change of machine speed between rounds cancels out.
 *
 * <p>Verdict: the channel meets the targets in a round when its p50 is at most {@value #P50_TO_FLOOR}x the
 * floor and at most {@value #P50_TO_JCTOOLS}x JCTools, and its p99 at most {@value #P99_TO_FLOOR}x the floor; the run
 * meets them when at least three rounds in five do (rounded up: {@link Settings#roundsToMeet()}).
 *
 * <p>How it differs from the suite's other round trips (docs/BENCHMARKS.md, "Plain round trip"): JMH's
 * {@code RoundTripBenchmark} forks a JVM per transport and lets JMH time batches; {@code RoundTripLatency} drives every
 * transport through one shared loop (megamorphic), drains up to 16 on the echo side and calls
 * {@code Thread.onSpinWait()}. Here every transport has its own loop, as a user's code would.
 *
 * <p>Usage: {@code java @jvm-openings.args -cp bench/target/benchmarks.jar io.crosskernel.bench.plain.PlainRoundTrip
 * [--rounds N] [--round-trips N] [--warmup N] [--out FILE]} (defaults 5, 2 000 000, 300 000, no file). Exit 0 when
 * the targets are met, 1 when not, 2 for bad arguments.
 *
 * <p>Threading: {@link #run} blocks its caller; the pinger runs on a thread it starts and pins, each echoer on a
 * thread of its own that ends with its segment.
 */
public final class PlainRoundTrip {
    /** Capacity of every queue and channel (the harness: 1024). */
    static final int CAPACITY = 1024;
    static final double P50_TO_FLOOR = 1.05;
    static final double P50_TO_JCTOOLS = 1.0;
    static final double P99_TO_FLOOR = 1.15;
    /** The transports, in the order each round runs them: the floor first. */
    public static final List<String> TRANSPORTS = List.of(FloorPair.NAME, JctoolsPair.NAME, AgronaQueuePair.NAME,
            ChannelPair.NAME);
    private static final List<Supplier<PlainPair>> FACTORIES = List.of(FloorPair::new, JctoolsPair::new,
            AgronaQueuePair::new, ChannelPair::new);
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long ECHO_START_SECONDS = 10;
    private static final long ECHO_STOP_MILLIS = 10_000;
    static final String USAGE = "usage: PlainRoundTrip [--rounds N] [--round-trips N] [--warmup N] [--out FILE]\n"
            + "  --rounds N       rounds, every transport once per round (default 5)\n"
            + "  --round-trips N  timed round trips per transport and round (default 2000000)\n"
            + "  --warmup N       untimed round trips before them (default 300000)\n"
            + "  --out FILE       also write the result as JSON";

    /**
     * @param rounds     rounds; every transport runs once per round
     * @param roundTrips timed round trips per transport and round
     * @param warmup     unrecorded round trips before them, every segment
     */
    public record Settings(int rounds, int roundTrips, int warmup) {
        public static final Settings DEFAULT = new Settings(5, 2_000_000, 300_000);

        public Settings {
            if (rounds < 1 || roundTrips < 1 || warmup < 0) {
                throw new IllegalArgumentException("rounds and round trips must be at least 1 and the warm-up not"
                        + " negative (got " + rounds + ", " + roundTrips + ", " + warmup + ")");
            }
        }

        /** Rounds that must meet the targets: three in five, rounded up (1 of 1, 2 of 3, 3 of 5). */
        public int roundsToMeet() {
            return (rounds * 3 + 4) / 5;
        }
    }

    /** One transport in one round, in nanoseconds. */
    public record Segment(String transport, int round, long count, long p50, long p99, long p999, long max) {
        static Segment of(String transport, int round, Histogram h) {
            return new Segment(transport, round, h.getTotalCount(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }

    /** One round's ratios for the channel, and whether they meet the targets. */
    public record RoundVerdict(int round, double p50ToFloor, double p50ToJctools, double p99ToFloor) {
        public boolean met() {
            return p50ToFloor <= P50_TO_FLOOR && p50ToJctools <= P50_TO_JCTOOLS && p99ToFloor <= P99_TO_FLOOR;
        }
    }

    /** The run: every segment in round order, and the pinning each side got. */
    public record Result(Settings settings, List<Segment> segments, String pingPin, String echoPin, boolean pinned) {
        /** @return the segment of {@code transport} in {@code round} */
        public Segment segment(String transport, int round) {
            for (Segment s : segments) {
                if (s.transport().equals(transport) && s.round() == round) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no segment " + transport + " in round " + round);
        }

        /** The channel's ratios per round. */
        public List<RoundVerdict> verdicts() {
            List<RoundVerdict> out = new ArrayList<>();
            for (int r = 0; r < settings.rounds(); r++) {
                Segment floor = segment(FloorPair.NAME, r);
                Segment jctools = segment(JctoolsPair.NAME, r);
                Segment channel = segment(ChannelPair.NAME, r);
                out.add(new RoundVerdict(r, ratio(channel.p50(), floor.p50()), ratio(channel.p50(), jctools.p50()),
                        ratio(channel.p99(), floor.p99())));
            }
            return out;
        }

        public int roundsMet() {
            return (int) verdicts().stream().filter(RoundVerdict::met).count();
        }

        public boolean targetsMet() {
            return roundsMet() >= settings.roundsToMeet();
        }

        /** Per round, a table of each transport and its ratios; then the verdict. */
        public String toText() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "plain round trip: %d rounds x %d round trips after %d warm-up"
                    + " (ns; ratios to the same round's floor)%n", settings.rounds(), settings.roundTrips(),
                    settings.warmup()));
            out.append("pinning: pinger ").append(pingPin).append("; echoer ").append(echoPin).append('\n');
            out.append(String.format(Locale.ROOT, "%-6s %-12s %9s %9s %9s %11s %11s %12s%n", "round", "transport",
                    "p50", "p99", "p99.9", "p50/floor", "p99/floor", "p50/jctools"));
            for (int r = 0; r < settings.rounds(); r++) {
                Segment floor = segment(FloorPair.NAME, r);
                Segment jctools = segment(JctoolsPair.NAME, r);
                for (String name : TRANSPORTS) {
                    Segment s = segment(name, r);
                    out.append(String.format(Locale.ROOT, "%-6d %-12s %9d %9d %9d %10.2fx %10.2fx %11.2fx%n", r + 1,
                            name, s.p50(), s.p99(), s.p999(), ratio(s.p50(), floor.p50()),
                            ratio(s.p99(), floor.p99()), ratio(s.p50(), jctools.p50())));
                }
            }
            out.append(String.format(Locale.ROOT, "targets (p50 <= %.2fx floor and <= %.2fx jctools, p99 <= %.2fx"
                    + " floor): met in %d of %d rounds (%d needed): %s%n", P50_TO_FLOOR, P50_TO_JCTOOLS,
                    P99_TO_FLOOR, roundsMet(), settings.rounds(), settings.roundsToMeet(),
                    targetsMet() ? "met" : "MISS"));
            return out.toString();
        }

        /** The result as the nested maps {@link Json} writes. */
        public Map<String, Object> toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("benchmark", "roundtrip-plain");
            root.put("unit", "ns");
            root.put("rounds", settings.rounds());
            root.put("roundTrips", settings.roundTrips());
            root.put("warmup", settings.warmup());
            root.put("pinned", pinned);
            root.put("pingPin", pingPin);
            root.put("echoPin", echoPin);
            List<Object> rows = new ArrayList<>();
            for (Segment s : segments) {
                Segment floor = segment(FloorPair.NAME, s.round());
                Segment jctools = segment(JctoolsPair.NAME, s.round());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", s.round() + 1);
                row.put("transport", s.transport());
                row.put("count", s.count());
                row.put("p50", s.p50());
                row.put("p99", s.p99());
                row.put("p999", s.p999());
                row.put("max", s.max());
                row.put("p50ToFloor", ratio(s.p50(), floor.p50()));
                row.put("p99ToFloor", ratio(s.p99(), floor.p99()));
                row.put("p50ToJctools", ratio(s.p50(), jctools.p50()));
                rows.add(row);
            }
            root.put("segments", rows);
            List<Object> verdicts = new ArrayList<>();
            for (RoundVerdict v : verdicts()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", v.round() + 1);
                row.put("p50ToFloor", v.p50ToFloor());
                row.put("p50ToJctools", v.p50ToJctools());
                row.put("p99ToFloor", v.p99ToFloor());
                row.put("met", v.met());
                verdicts.add(row);
            }
            root.put("channelRounds", verdicts);
            root.put("roundsMet", roundsMet());
            root.put("roundsToMeet", settings.roundsToMeet());
            root.put("targetsMet", targetsMet());
            return root;
        }
    }

    private PlainRoundTrip() {
    }

    static double ratio(long value, long base) {
        return base <= 0 ? Double.NaN : (double) value / base;
    }

    public static void main(String[] args) throws Exception {
        RoundTripCommand.Line line;
        try {
            line = RoundTripCommand.parse(args, Settings.DEFAULT);
        } catch (IllegalArgumentException e) {
            System.err.println("PlainRoundTrip: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (line.help()) {
            System.out.println(USAGE);
            return;
        }
        Result result = run(line.settings());
        System.out.print(result.toText());
        if (line.out() != null) {
            Json.write(line.out(), result.toJson());
            System.out.println("wrote " + line.out());
        }
        System.exit(result.targetsMet() ? 0 : 1);
    }

    /**
     * Runs every round; blocks until done.
     *
     * @throws IllegalStateException if a transport returned a reply out of order or an echo thread did not start or
     *                               stop
     */
    public static Result run(Settings settings) throws InterruptedException {
        return RoundTripCommand.onPingerThread("plain-roundtrip-pinger", "plain round trip", () -> measure(settings));
    }

    /** Pinger thread: every round, every transport. */
    private static Result measure(Settings settings) throws InterruptedException {
        ThreadPinner.warmUp();
        PinResult pingPin = ThreadPinner.pinCurrentThread(BenchFlags.MEASURE_CPU);
        List<PlainPair> pairs = new ArrayList<>();
        for (Supplier<PlainPair> factory : FACTORIES) {
            pairs.add(factory.get());
        }
        long[] nextValue = new long[pairs.size()];
        Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        List<Segment> segments = new ArrayList<>();
        String echoPin = "not started";
        boolean pinned = pingPin.pinned();
        for (int round = 0; round < settings.rounds(); round++) {
            for (int t = 0; t < pairs.size(); t++) {
                PlainPair pair = pairs.get(t);
                histogram.reset();
                PinResult pin = segment(pair, nextValue[t], settings, histogram);
                nextValue[t] += settings.warmup() + settings.roundTrips();
                echoPin = pin.detail();
                pinned &= pin.pinned();
                segments.add(Segment.of(pair.name(), round, histogram));
            }
        }
        return new Result(settings, segments, pingPin.detail(), echoPin, pinned);
    }

    /**
     * Pinger thread: one transport's segment with an echo thread of its own, stopped (joined) before returning.
     *
     * @return what the OS granted the echo thread
     */
    static PinResult segment(PlainPair pair, long first, Settings settings, Histogram histogram)
            throws InterruptedException {
        int total = settings.warmup() + settings.roundTrips();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<PinResult> pin = new AtomicReference<>();
        AtomicReference<Throwable> echoFailure = new AtomicReference<>();
        Thread echo = new Thread(() -> {
            try {
                pin.set(ThreadPinner.pinCurrentThread(BenchFlags.ECHO_CPU));
                started.countDown();
                pair.echo(total);
            } catch (Throwable t) {
                echoFailure.set(t);
                started.countDown();
            }
        }, "plain-roundtrip-echo-" + pair.name());
        echo.setDaemon(true);
        echo.start();
        boolean pinged = false;
        try {
            if (!started.await(ECHO_START_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(pair.name() + ": echo thread did not start");
            }
            if (echoFailure.get() != null) {
                throw new IllegalStateException(pair.name() + ": echo thread failed", echoFailure.get());
            }
            pair.ping(first, settings.warmup(), settings.roundTrips(), histogram);
            pinged = true;
        } finally {
            if (!pinged) {
                pair.abandon();
            }
            echo.join(ECHO_STOP_MILLIS);
        }
        if (echo.isAlive()) {
            pair.abandon();
            echo.join(ECHO_STOP_MILLIS);
            throw new IllegalStateException(pair.name() + ": echo thread still running after its last echo");
        }
        if (echoFailure.get() != null) {
            throw new IllegalStateException(pair.name() + ": echo thread failed", echoFailure.get());
        }
        return pin.get();
    }
}
