package io.crosskernel.bench.plain;

import io.crosskernel.bench.BenchFlags;
import io.crosskernel.bench.Json;
import io.crosskernel.bench.plain.PlainRoundTrip.Segment;
import io.crosskernel.bench.plain.PlainRoundTrip.Settings;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Issue 12's round trip across processes, in the shape of {@link PlainRoundTrip}: the volatile floor, the channel in
 * one JVM ({@code crosskernel}), the same channel with its rings in mapped files of {@code /dev/shm} and both ends
 * still threads of this JVM ({@code crosskernel-mapped}), and with the echoer in a JVM of its own
 * ({@code crosskernel-process}, {@link ProcessChannelPair}); every transport once per round, the pinger pinned to CPU
 * {@value BenchFlags#MEASURE_CPU}, every echoer to CPU {@value BenchFlags#ECHO_CPU}, one message in flight.
 *
 * <p>Verdict: a round meets the target when the cross-process round trip's p50 and p99 are each at most
 * {@value #TO_CHANNEL}x the in-process channel's of the same round; the run meets it when three rounds in five do.
 *
 * <p>Usage: {@code java @jvm-openings.args -cp bench/target/benchmarks.jar
 * io.crosskernel.bench.plain.CrossProcessRoundTrip [--rounds N] [--round-trips N] [--warmup N] [--out FILE]}
 * (defaults 5, 1 000 000, 300 000). Exit 0 when the target is met, 1 when not, 2 for bad arguments.
 *
 * <p>Threading: {@link #run} blocks its caller; the pinger runs on a thread it starts and pins.
 */
public final class CrossProcessRoundTrip {
    public static final double TO_CHANNEL = 1.10;
    /** The transports, in the order each round runs them. */
    public static final List<String> TRANSPORTS = List.of(FloorPair.NAME, ChannelPair.NAME, MappedChannelPair.NAME,
            ProcessChannelPair.NAME);
    static final Settings DEFAULT = new Settings(5, 1_000_000, 300_000);
    static final String USAGE = "usage: CrossProcessRoundTrip [--rounds N] [--round-trips N] [--warmup N]"
            + " [--out FILE]\n"
            + "  --rounds N       rounds, every transport once per round (default 5)\n"
            + "  --round-trips N  timed round trips per transport and round (default 1000000)\n"
            + "  --warmup N       untimed round trips before them (default 300000)\n"
            + "  --out FILE       also write the result as JSON";

    private CrossProcessRoundTrip() {
    }

    /** One round's ratios of the cross-process round trip to the in-process channel and to the floor. */
    public record RoundVerdict(int round, double p50ToChannel, double p99ToChannel, double p50ToFloor, double p99ToFloor) {
        public boolean met() {
            return p50ToChannel <= TO_CHANNEL && p99ToChannel <= TO_CHANNEL;
        }
    }

    /** Every segment in round order, and the pinning of the pinger and of the last in-process echoer. */
    public record Result(Settings settings, List<Segment> segments, String pingPin, String echoPin) {
        public Segment segment(String transport, int round) {
            for (Segment s : segments) {
                if (s.transport().equals(transport) && s.round() == round) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no segment " + transport + " in round " + round);
        }

        public List<RoundVerdict> verdicts() {
            List<RoundVerdict> out = new ArrayList<>();
            for (int r = 0; r < settings.rounds(); r++) {
                Segment floor = segment(FloorPair.NAME, r);
                Segment channel = segment(ChannelPair.NAME, r);
                Segment process = segment(ProcessChannelPair.NAME, r);
                out.add(new RoundVerdict(r, PlainRoundTrip.ratio(process.p50(), channel.p50()),
                        PlainRoundTrip.ratio(process.p99(), channel.p99()),
                        PlainRoundTrip.ratio(process.p50(), floor.p50()),
                        PlainRoundTrip.ratio(process.p99(), floor.p99())));
            }
            return out;
        }

        public int roundsMet() {
            return (int) verdicts().stream().filter(RoundVerdict::met).count();
        }

        public boolean targetMet() {
            return roundsMet() >= settings.roundsToMeet();
        }

        public String toText() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "cross-process round trip: %d rounds x %d round trips after %d"
                    + " warm-up (ns; ratios to the same round's in-process channel and floor)%n", settings.rounds(),
                    settings.roundTrips(), settings.warmup()));
            out.append("pinning: pinger ").append(pingPin).append("; echoer ").append(echoPin).append('\n');
            out.append(String.format(Locale.ROOT, "%-6s %-20s %9s %9s %9s %12s %12s %11s%n", "round", "transport",
                    "p50", "p99", "p99.9", "p50/channel", "p99/channel", "p50/floor"));
            for (int r = 0; r < settings.rounds(); r++) {
                Segment floor = segment(FloorPair.NAME, r);
                Segment channel = segment(ChannelPair.NAME, r);
                for (String name : TRANSPORTS) {
                    Segment s = segment(name, r);
                    out.append(String.format(Locale.ROOT, "%-6d %-20s %9d %9d %9d %11.2fx %11.2fx %10.2fx%n",
                            r + 1, name, s.p50(), s.p99(), s.p999(), PlainRoundTrip.ratio(s.p50(), channel.p50()),
                            PlainRoundTrip.ratio(s.p99(), channel.p99()), PlainRoundTrip.ratio(s.p50(), floor.p50())));
                }
            }
            out.append(String.format(Locale.ROOT, "target (%s p50 and p99 <= %.2fx %s): met in %d of %d rounds"
                    + " (%d needed): %s%n", ProcessChannelPair.NAME, TO_CHANNEL, ChannelPair.NAME, roundsMet(),
                    settings.rounds(), settings.roundsToMeet(), targetMet() ? "met" : "MISS"));
            return out.toString();
        }

        public Map<String, Object> toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("benchmark", "roundtrip-cross-process");
            root.put("unit", "ns");
            root.put("rounds", settings.rounds());
            root.put("roundTrips", settings.roundTrips());
            root.put("warmup", settings.warmup());
            root.put("pingPin", pingPin);
            root.put("echoPin", echoPin);
            List<Object> rows = new ArrayList<>();
            for (Segment s : segments) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", s.round() + 1);
                row.put("transport", s.transport());
                row.put("count", s.count());
                row.put("p50", s.p50());
                row.put("p99", s.p99());
                row.put("p999", s.p999());
                row.put("max", s.max());
                rows.add(row);
            }
            root.put("segments", rows);
            List<Object> verdicts = new ArrayList<>();
            for (RoundVerdict v : verdicts()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", v.round() + 1);
                row.put("p50ToChannel", v.p50ToChannel());
                row.put("p99ToChannel", v.p99ToChannel());
                row.put("p50ToFloor", v.p50ToFloor());
                row.put("p99ToFloor", v.p99ToFloor());
                row.put("met", v.met());
                verdicts.add(row);
            }
            root.put("processRounds", verdicts);
            root.put("roundsMet", roundsMet());
            root.put("roundsToMeet", settings.roundsToMeet());
            root.put("targetMet", targetMet());
            return root;
        }
    }

    public static void main(String[] args) throws Exception {
        RoundTripCommand.Line line;
        try {
            line = RoundTripCommand.parse(args, DEFAULT);
        } catch (IllegalArgumentException e) {
            System.err.println("CrossProcessRoundTrip: " + e.getMessage() + "\n" + USAGE);
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
        System.exit(result.targetMet() ? 0 : 1);
    }

    /** Runs every round; blocks until done; the echo process and the ring files are gone when it returns. */
    public static Result run(Settings settings) throws InterruptedException {
        return RoundTripCommand.onPingerThread("cross-process-roundtrip-pinger", "cross-process round trip", () -> measure(settings));
    }

    /** Pinger thread: every round, every transport; every pair closed in a finally. */
    private static Result measure(Settings settings) throws InterruptedException {
        ThreadPinner.warmUp();
        PinResult pingPin = ThreadPinner.pinCurrentThread(BenchFlags.MEASURE_CPU);
        List<PlainPair> pairs = new ArrayList<>();
        try {
            pairs.add(new FloorPair());
            pairs.add(new ChannelPair());
            pairs.add(MappedChannelPair.create());
            pairs.add(ProcessChannelPair.create());
            long[] nextValue = new long[pairs.size()];
            Histogram histogram = new Histogram(PlainRoundTrip.HIGHEST_TRACKABLE_NANOS, 3);
            List<Segment> segments = new ArrayList<>();
            String echoPin = "not started";
            for (int round = 0; round < settings.rounds(); round++) {
                for (int t = 0; t < pairs.size(); t++) {
                    PlainPair pair = pairs.get(t);
                    histogram.reset();
                    PinResult pin = PlainRoundTrip.segment(pair, nextValue[t], settings, histogram);
                    nextValue[t] += settings.warmup() + settings.roundTrips();
                    if (!(pair instanceof ProcessChannelPair)) {
                        echoPin = pin.detail();
                    }
                    segments.add(Segment.of(pair.name(), round, histogram));
                }
            }
            return new Result(settings, segments, pingPin.detail(), echoPin);
        } finally {
            for (PlainPair pair : pairs) {
                pair.close();
            }
        }
    }
}
