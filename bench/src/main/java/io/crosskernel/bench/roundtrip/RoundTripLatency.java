package io.crosskernel.bench.roundtrip;

import io.crosskernel.bench.BenchFlags;
import io.crosskernel.bench.Json;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Paced round-trip latency with HdrHistogram: a measuring thread pinned to CPU {@value BenchFlags#MEASURE_CPU}
 * sends one round trip every {@code interval} to an {@link EchoThread} on CPU {@value BenchFlags#ECHO_CPU} and records
 * each with {@link Histogram#recordValueWithExpectedInterval} (coordinated-omission corrected: a round trip that
 * overruns the interval also stands for the sends it delayed).
 *
 * <p>Transports are measured round-robin in {@code rounds} segments each, so a burst of noise from a neighbour on the
 * shared machine spreads over all of them rather than landing on one; each segment starts a fresh echo thread and
 * runs up to {@value #WARMUP_ROUND_TRIPS} unrecorded round trips first (at most 200 ms). A segment ends
 * on time even when round trips are slower than the interval; the sends that could not happen are accounted for by
 * the coordinated-omission correction. All transports run in one JVM, so the loop's call to
 * {@link PingPongTransport#roundTrip} is megamorphic (a few ns, the same for every transport); the JMH
 * {@link RoundTripBenchmark} forks a JVM per transport instead.
 *
 * <p>{@code --interval-us 0} sends back to back instead (no pacing, so nothing to correct: the two histograms are the
 * same): interleaved in short segments, it gives the ratios of back-to-back round trips without JMH's
 * one-transport-after-another order.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.crosskernel.bench.roundtrip.RoundTripLatency [--seconds S]
 * [--interval-us U] [--rounds R] [--out FILE] [--transports a,b,…]}.
 *
 * <p>Threading: {@link #run} blocks its caller; the measurement runs on a thread it starts and pins.
 */
public final class RoundTripLatency {
    static final int WARMUP_ROUND_TRIPS = 20_000;
    /** Warm-up is also bounded in time: a parking transport on a loaded machine can take milliseconds per trip. */
    private static final long MAX_WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * @param secondsPerTransport measured time per transport, split over the rounds
     * @param intervalNanos       time between sends
     * @param rounds              round-robin segments per transport
     * @param transports          transport names; must include {@link Transports#VOLATILE} for the ratios
     */
    public record Settings(double secondsPerTransport, long intervalNanos, int rounds, List<String> transports) {
        public Settings {
            transports = List.copyOf(transports);
            if (secondsPerTransport <= 0 || intervalNanos < 0 || rounds <= 0) {
                throw new IllegalArgumentException("seconds and rounds must be positive, the interval not negative");
            }
        }
    }

    /**
     * One transport's distribution, in nanoseconds: coordinated-omission corrected, and ({@code raw…}) the round trips
     * actually timed, uncorrected, which show the transport's own cost when the machine stalls the sender.
     */
    public record TransportLatency(String transport, long count, long p50, long p99, long p999, long p9999, long max,
            double mean, long rawCount, long rawP50, long rawP99, long rawP999, long[] roundRawP50,
            long[] roundRawP99) {
        static TransportLatency of(String transport, Histogram h, Histogram raw, long[] roundRawP50,
                long[] roundRawP99) {
            return new TransportLatency(transport, h.getTotalCount(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99),
                    h.getMaxValue(), h.getMean(), raw.getTotalCount(), raw.getValueAtPercentile(50),
                    raw.getValueAtPercentile(99), raw.getValueAtPercentile(99.9), roundRawP50, roundRawP99);
        }
    }

    /** The run: every transport and the pinning each side got. */
    public record Result(Settings settings, List<TransportLatency> transports, String measurePin, String echoPin,
            boolean pinned) {
        /** @return the floor's figures, or null if the volatile transport was not measured */
        public TransportLatency floor() {
            return get(Transports.VOLATILE);
        }

        /** @return the named transport's figures, or null if it was not measured */
        public TransportLatency get(String name) {
            for (TransportLatency t : transports) {
                if (name.equals(t.transport())) {
                    return t;
                }
            }
            return null;
        }

        /** The result as the nested maps {@link Json} writes, with ratios to the floor. */
        public Map<String, Object> toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("benchmark", "roundtrip-hdr");
            root.put("unit", "ns");
            root.put("intervalNanos", settings.intervalNanos());
            root.put("secondsPerTransport", settings.secondsPerTransport());
            root.put("rounds", settings.rounds());
            root.put("pinned", pinned);
            root.put("measurePin", measurePin);
            root.put("echoPin", echoPin);
            TransportLatency floor = floor();
            List<Object> rows = new ArrayList<>();
            for (TransportLatency t : transports) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("transport", t.transport());
                row.put("count", t.count());
                row.put("p50", t.p50());
                row.put("p99", t.p99());
                row.put("p999", t.p999());
                row.put("p9999", t.p9999());
                row.put("max", t.max());
                row.put("mean", t.mean());
                row.put("rawCount", t.rawCount());
                row.put("rawP50", t.rawP50());
                row.put("rawP99", t.rawP99());
                row.put("rawP999", t.rawP999());
                if (floor != null) {
                    Map<String, Object> ratio = new LinkedHashMap<>();
                    ratio.put("p50", ratio(t.p50(), floor.p50()));
                    ratio.put("p99", ratio(t.p99(), floor.p99()));
                    ratio.put("p999", ratio(t.p999(), floor.p999()));
                    ratio.put("p9999", ratio(t.p9999(), floor.p9999()));
                    ratio.put("max", ratio(t.max(), floor.max()));
                    ratio.put("rawP50", ratio(t.rawP50(), floor.rawP50()));
                    ratio.put("rawP99", ratio(t.rawP99(), floor.rawP99()));
                    row.put("ratioToVolatile", ratio);
                    row.put("roundRatioToVolatile", RoundRatios.of(t, floor).toJson());
                }
                TransportLatency jctools = get(Transports.JCTOOLS);
                if (jctools != null) {
                    row.put("roundRatioToJctools", RoundRatios.of(t, jctools).toJson());
                }
                rows.add(row);
            }
            root.put("transports", rows);
            return root;
        }

        /** A table for people. */
        public String toText() {
            StringBuilder out = new StringBuilder();
            out.append(settings.intervalNanos() == 0
                    ? String.format(Locale.ROOT, "round trip, back to back (ns; x = ratio to volatile)%n")
                    : String.format(Locale.ROOT, "round trip, paced every %d ns, CO-corrected (ns; x = ratio to"
                            + " volatile)%n", settings.intervalNanos()));
            out.append("pinning: measure ").append(measurePin).append("; echo ").append(echoPin).append('\n');
            TransportLatency floor = floor();
            out.append(String.format(Locale.ROOT, "%-12s %10s %16s %16s %16s %16s %12s %16s %16s%n", "transport",
                    "count", "p50", "p99", "p99.9", "p99.99", "max", "raw p50", "raw p99"));
            for (TransportLatency t : transports) {
                out.append(String.format(Locale.ROOT, "%-12s %10d %16s %16s %16s %16s %12d %16s %16s%n",
                        t.transport(), t.count(), cell(t.p50(), floor == null ? 0 : floor.p50()),
                        cell(t.p99(), floor == null ? 0 : floor.p99()),
                        cell(t.p999(), floor == null ? 0 : floor.p999()),
                        cell(t.p9999(), floor == null ? 0 : floor.p9999()), t.max(),
                        cell(t.rawP50(), floor == null ? 0 : floor.rawP50()),
                        cell(t.rawP99(), floor == null ? 0 : floor.rawP99())));
            }
            TransportLatency jctools = get(Transports.JCTOOLS);
            if (floor != null) {
                out.append(String.format(Locale.ROOT, "per-round ratios of the uncorrected round trips, median"
                        + " [min-max] over %d rounds%n", settings.rounds()));
                out.append(String.format(Locale.ROOT, "%-12s %24s %24s %24s%n", "transport", "raw p50 / volatile",
                        "raw p99 / volatile", "raw p50 / jctools"));
                for (TransportLatency t : transports) {
                    RoundRatios r = RoundRatios.of(t, floor);
                    out.append(String.format(Locale.ROOT, "%-12s %24s %24s %24s%n", t.transport(),
                            r.p50().ratioText(), r.p99().ratioText(),
                            jctools == null ? "-" : RoundRatios.of(t, jctools).p50().ratioText()));
                }
            }
            return out.toString();
        }

        private static String cell(long value, long floor) {
            return floor == 0 ? Long.toString(value)
                    : String.format(Locale.ROOT, "%d (%.2fx)", value, (double) value / floor);
        }
    }

    private RoundTripLatency() {
    }

    static double ratio(long value, long floor) {
        return floor == 0 ? Double.NaN : (double) value / floor;
    }

    public static void main(String[] args) throws Exception {
        double seconds = 5;
        long intervalNanos = 20_000;
        int rounds = 5;
        Path out = Path.of("bench/target/results/roundtrip-hdr.json");
        List<String> transports = Transports.ALL;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds":
                    seconds = Double.parseDouble(args[++i]);
                    break;
                case "--interval-us":
                    intervalNanos = Math.round(Double.parseDouble(args[++i]) * 1000);
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[++i]);
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--transports":
                    transports = List.of(args[++i].split(","));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + " (options: --seconds S --interval-us U --rounds R --out FILE --transports a,b)");
            }
        }
        Result result = run(new Settings(seconds, intervalNanos, rounds, transports));
        System.out.print(result.toText());
        Json.write(out, result.toJson());
        System.out.println("wrote " + out);
    }

    /** Measures every transport of {@code settings}; blocks until done. */
    public static Result run(Settings settings) throws InterruptedException {
        AtomicReference<Result> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread measuring = new Thread(() -> {
            try {
                result.set(measure(settings));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "roundtrip-measure");
        measuring.start();
        measuring.join();
        if (failure.get() != null) {
            throw new IllegalStateException("round-trip measurement failed", failure.get());
        }
        return result.get();
    }

    /** Runs on the measuring thread. */
    private static Result measure(Settings settings) {
        ThreadPinner.warmUp();
        PinResult measurePin = ThreadPinner.pinCurrentThread(BenchFlags.MEASURE_CPU);
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, Histogram> raws = new LinkedHashMap<>();
        Map<String, long[]> roundP50 = new LinkedHashMap<>();
        Map<String, long[]> roundP99 = new LinkedHashMap<>();
        for (String name : settings.transports()) {
            histograms.put(name, new Histogram(HIGHEST_TRACKABLE_NANOS, 3));
            raws.put(name, new Histogram(HIGHEST_TRACKABLE_NANOS, 3));
            roundP50.put(name, new long[settings.rounds()]);
            roundP99.put(name, new long[settings.rounds()]);
        }
        Histogram segmentRaw = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        long segmentNanos = (long) (settings.secondsPerTransport() * 1e9 / settings.rounds());
        String echoPin = "not started";
        boolean pinned = measurePin.pinned();
        long counter = 0;
        for (int round = 0; round < settings.rounds(); round++) {
            for (Map.Entry<String, Histogram> entry : histograms.entrySet()) {
                PingPongTransport transport = Transports.create(entry.getKey());
                try (EchoThread echo = EchoThread.start(transport, BenchFlags.ECHO_CPU)) {
                    echoPin = echo.pin().detail();
                    pinned &= echo.pin().pinned();
                    long warmupEnd = System.nanoTime() + Math.min(segmentNanos / 4, MAX_WARMUP_NANOS);
                    for (int i = 0; i < WARMUP_ROUND_TRIPS && System.nanoTime() < warmupEnd; i++) {
                        transport.roundTrip(++counter);
                    }
                    segmentRaw.reset();
                    counter = segment(transport, entry.getValue(), segmentRaw, segmentNanos,
                            settings.intervalNanos(), counter);
                    raws.get(entry.getKey()).add(segmentRaw);
                    roundP50.get(entry.getKey())[round] = segmentRaw.getValueAtPercentile(50);
                    roundP99.get(entry.getKey())[round] = segmentRaw.getValueAtPercentile(99);
                }
            }
        }
        List<TransportLatency> rows = new ArrayList<>();
        histograms.forEach((name, h) -> rows.add(TransportLatency.of(name, h, raws.get(name), roundP50.get(name),
                roundP99.get(name))));
        return new Result(settings, rows, measurePin.detail(), echoPin, pinned);
    }

    /** One paced segment; returns the counter after it. Allocation-free. */
    private static long segment(PingPongTransport transport, Histogram histogram, Histogram raw, long segmentNanos,
            long intervalNanos, long counter) {
        long start = System.nanoTime();
        long end = start + segmentNanos;
        long next = start;
        long c = counter;
        long now = start;
        while (next < end && now < end) {
            while ((now = System.nanoTime()) < next) {
                Thread.onSpinWait();
            }
            long reply = transport.roundTrip(++c);
            long done = System.nanoTime();
            if (reply != c) {
                throw new IllegalStateException(transport.name() + " echoed " + reply + " for " + c);
            }
            long took = Math.min(done - now, HIGHEST_TRACKABLE_NANOS);
            if (intervalNanos > 0) {
                histogram.recordValueWithExpectedInterval(took, intervalNanos);
            } else {
                histogram.recordValue(took);
            }
            raw.recordValue(took);
            next += intervalNanos;
        }
        return c;
    }
}
