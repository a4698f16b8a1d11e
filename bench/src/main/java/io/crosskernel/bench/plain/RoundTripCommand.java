package io.crosskernel.bench.plain;

import io.crosskernel.bench.plain.PlainRoundTrip.Settings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the round-trip harnesses of this package share outside their measurements: the command line
 * ({@code --rounds N --round-trips N --warmup N --out FILE --help}) and running the measurement on a pinger thread of
 * its own (the caller's thread keeps its CPU mask; the pinger pins itself).
 */
final class RoundTripCommand {
    /**
     * A parsed command line.
     *
     * @param settings the rounds, round trips and warm-up
     * @param out      where to write the JSON result, or null
     * @param help     {@code --help} or {@code -h} was given: print the usage and do nothing else
     */
    record Line(Settings settings, Path out, boolean help) {
    }

    private RoundTripCommand() {
    }

    /**
     * @param defaults what an option not given takes
     * @throws IllegalArgumentException for an unknown option, a missing value or a value that is not a whole number
     */
    static Line parse(String[] args, Settings defaults) {
        int rounds = defaults.rounds();
        int roundTrips = defaults.roundTrips();
        int warmup = defaults.warmup();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return new Line(defaults, null, true);
                }
                case "--rounds" -> rounds = intValue(args, ++i, "--rounds");
                case "--round-trips" -> roundTrips = intValue(args, ++i, "--round-trips");
                case "--warmup" -> warmup = intValue(args, ++i, "--warmup");
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Line(new Settings(rounds, roundTrips, warmup), out, false);
    }

    /**
     * Runs {@code measurement} on a new thread named {@code threadName} and waits for it.
     *
     * @throws IllegalStateException wrapping whatever the measurement threw, its message prefixed with {@code what}
     */
    static <T> T onPingerThread(String threadName, String what, Callable<T> measurement)
            throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread pinger = new Thread(() -> {
            try {
                result.set(measurement.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, threadName);
        pinger.start();
        pinger.join();
        if (failure.get() != null) {
            throw new IllegalStateException(what + " failed: " + failure.get().getMessage(), failure.get());
        }
        return result.get();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String option) {
        String text = value(args, i, option);
        try {
            return Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
    }
}
