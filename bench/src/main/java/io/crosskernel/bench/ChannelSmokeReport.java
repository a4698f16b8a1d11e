package io.crosskernel.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ChannelSmokeBenchmark} and prints the ratios channel / bare Agrona ring and channel / raw JCTools from
 * that one run.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.crosskernel.bench.ChannelSmokeReport [JMH options]}, for
 * example {@code -prof gc -f 1 -wi 3 -i 5 -w 1s -r 1s}. Also used by the in-process smoke test.
 *
 * <p>Threading: a command-line tool; not for use on a kernel thread.
 */
public final class ChannelSmokeReport {
    static final String CHANNEL = "crosskernelSpscChannel";
    static final String BASELINE = "jctoolsSpscArrayQueue";
    static final String RING = "agronaRingBuffer";

    private ChannelSmokeReport() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(ChannelSmokeBenchmark.class.getName() + "\\.")
                .build();
        System.out.println(summarise(new Runner(options).run()));
    }

    /** One line per benchmark (ns/op, and B/op when the GC profiler ran) and the channel / baseline ratio. */
    static String summarise(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder();
        double channel = Double.NaN;
        double baseline = Double.NaN;
        double ring = Double.NaN;
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            double score = result.getPrimaryResult().getScore();
            Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
            out.append(String.format(Locale.ROOT, "%-24s %10.3f %s", method, score,
                    result.getPrimaryResult().getScoreUnit()));
            if (allocation != null) {
                out.append(String.format(Locale.ROOT, "  %8.3f B/op", allocation.getScore()));
            }
            out.append('\n');
            if (CHANNEL.equals(method)) {
                channel = score;
            } else if (BASELINE.equals(method)) {
                baseline = score;
            } else if (RING.equals(method)) {
                ring = score;
            }
        }
        out.append(String.format(Locale.ROOT, "ratio %s / %s = %.2f%n", CHANNEL, RING, channel / ring));
        out.append(String.format(Locale.ROOT, "ratio %s / %s = %.2f", CHANNEL, BASELINE, channel / baseline));
        return out.toString();
    }
}
