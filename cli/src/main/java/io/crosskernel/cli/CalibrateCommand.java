package io.crosskernel.cli;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.Units;
import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xk calibrate}: measures this machine's channel hop and writes a calibration file for {@code xk run --sim
 * --calibration FILE} (docs/SIMULATION.md#calibration).
 *
 * <ul>
 *   <li>{@code hop}: round trips of one message between this thread and an echo thread over two real
 *       {@link SpscChannel}s, each halved (the one-way figure the simulation charges per hop), as percentiles;</li>
 *   <li>{@code dutyCycle}: twice the cost of one offer and one drain on one thread (a busy duty cycle drains a message
 *       and forwards one), averaged over many.</li>
 * </ul>
 *
 * <p>Threading: the calling thread measures; the echo thread it starts is stopped and joined before this returns.
 * Nothing is pinned: run it the way the kernels would run (on an idle machine, for figures worth keeping).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Measures this machine's channel hop and writes a calibration file for xk run --sim "
                + "--calibration FILE.")
final class CalibrateCommand implements Callable<Integer> {
    private static final int CAPACITY = 1024;
    private static final int SINGLE_THREAD_HOPS = 1_000_000;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The calibration file to write.")
    Path out;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "2s",
            description = "How long to measure round trips (default 2s).")
    String duration;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long nanos;
        try {
            nanos = Units.parseDurationNanos(duration);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--duration: " + e.getMessage());
        }
        if (nanos <= 0) {
            throw new BadInputException("--duration must be above zero, got " + duration);
        }
        PrintWriter printer = spec.commandLine().getOut();
        Histogram hops = measureHops(nanos);
        long dutyCycle = Math.max(1, Math.round(2 * singleThreadHopNanos()));
        String text = render(hops, dutyCycle);
        AtomicFile.writeString("the calibration file", out, text);
        printer.print(text);
        printer.println("calibration written to " + out + " (use: xk run SCENARIO --sim --calibration " + out + ")");
        printer.flush();
        return Xk.OK;
    }

    static String render(Histogram hops, long dutyCycleNanos) {
        StringBuilder text = new StringBuilder();
        text.append("# xk calibrate: ").append(hops.getTotalCount()).append(" round trips between two threads over ")
                .append("crosskernel channels, halved; ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n");
        text.append("hop: {p0: ").append(hops.getMinValue()).append("ns");
        for (double p : new double[] {50, 90, 99, 99.9}) {
            text.append(", p").append(p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)).append(": ")
                    .append(hops.getValueAtPercentile(p)).append("ns");
        }
        text.append(", p100: ").append(hops.getMaxValue()).append("ns}\n");
        text.append(String.format(Locale.ROOT, "dutyCycle: %dns%n", dutyCycleNanos));
        return text.toString();
    }

    /** Round trips for {@code nanos}; each recorded halved, in nanoseconds. */
    private static Histogram measureHops(long nanos) throws InterruptedException {
        SpscChannel there = new SpscChannel(new LinkSpec(0, "calibrate", 1, "echo", CAPACITY,
                BackpressurePolicy.RETRY), channel -> { });
        SpscChannel back = new SpscChannel(new LinkSpec(1, "echo", 0, "calibrate", CAPACITY,
                BackpressurePolicy.RETRY), channel -> { });
        AtomicBoolean running = new AtomicBoolean(true);
        Thread echo = new Thread(() -> {
            Envelope reply = new Envelope();
            EnvelopeHandler copy = e -> reply.requestId = e.requestId;
            while (running.getAcquire()) {
                if (there.drain(copy, 1) == 1) {
                    while (back.offer(reply) != SendResult.SENT) {
                        Thread.onSpinWait();
                    }
                }
            }
        }, "xk-calibrate-echo");
        echo.setDaemon(true);
        Histogram histogram = new Histogram(3);
        Envelope message = new Envelope();
        long[] received = new long[1];
        // Handlers made once: the measuring loops allocate nothing.
        EnvelopeHandler take = e -> received[0] = e.requestId;
        echo.start();
        try {
            long end = System.nanoTime() + nanos;
            long sequence = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                message.requestId = ++sequence;
                there.offer(message);
                while (back.drain(take, 1) == 0) {
                    Thread.onSpinWait();
                }
                long roundTrip = System.nanoTime() - now;
                histogram.recordValue(Math.max(1, roundTrip / 2));
            }
        } finally {
            running.setRelease(false);
            echo.join();
        }
        return histogram;
    }

    /** Nanoseconds of one offer and one drain of one message on one thread, averaged (after a warm-up pass). */
    private static double singleThreadHopNanos() {
        SpscChannel channel = new SpscChannel(new LinkSpec(0, "a", 1, "b", CAPACITY, BackpressurePolicy.RETRY),
                c -> { });
        Envelope message = new Envelope();
        long[] sink = new long[1];
        EnvelopeHandler add = e -> sink[0] += e.payload;
        double perHop = 0;
        for (int pass = 0; pass < 2; pass++) {
            long start = System.nanoTime();
            for (int i = 0; i < SINGLE_THREAD_HOPS; i++) {
                message.payload = i;
                channel.offer(message);
                channel.drain(add, 1);
            }
            perHop = (System.nanoTime() - start) / (double) SINGLE_THREAD_HOPS;
        }
        return perHop;
    }
}
