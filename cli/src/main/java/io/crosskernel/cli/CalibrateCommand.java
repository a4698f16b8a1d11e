package io.crosskernel.cli;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.Clock;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.Units;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.testing.TestKernelContext;
import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.WorkCost;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xk calibrate}: measures what the simulation charges on this machine and writes a calibration file for {@code xk run --sim
 * --calibration FILE} (docs/SIMULATION.md#calibration).
 *
 * <ul>
 *   <li>{@code hop}: round trips of one message between this thread and an echo thread over two real
 *       {@link SpscChannel}s, each halved (the one-way figure the simulation charges per hop), as percentiles;</li>
 *   <li>{@code dutyCycle}: twice the cost of one offer and one drain on one thread (a busy duty cycle drains a message
 *       and forwards one), averaged over many;</li>
 *   <li>{@code perWork}: the time per unit of work a general kernel's duty cycles report (a request released, run,
 *       forwarded) in a burst through it whose stages cost nothing: the runtime's own per-message code;</li>
 *   <li>{@code idle}: what an idle worker's strategy costs in wake-up latency: an empty poll with one
 *       {@code Thread.onSpinWait()}, an empty poll with one {@code Thread.yield()} (both averaged), and how much longer
 *       than asked a {@code LockSupport.parkNanos(1µs)} lasts, as percentiles.</li>
 * </ul>
 *
 * <p>Threading: the calling thread measures; the echo thread it starts is stopped and joined before this returns.
 * Nothing is pinned: run it the way the kernels would run (on an idle machine, for figures worth keeping).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Measures this machine's channel hop, duty-cycle and per-message costs, idle wake-up and the "
                + "kernels' real work, and writes a calibration file for xk run --sim --calibration FILE.")
final class CalibrateCommand implements Callable<Integer> {
    private static final int CAPACITY = 1024;
    private static final int SINGLE_THREAD_HOPS = 1_000_000;
    private static final int SPINS = 1_000_000;
    private static final int YIELDS = 100_000;
    private static final int PARKS = 1_000;
    private static final int REQUESTS = 200_000;
    private static final long PARK_NANOS = 1_000;
    /** Where {@link #emptyPollNanos} leaves what its loop computed. */
    private static volatile long consumed;

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
        KernelTypes types = KernelTypes.load();
        KernelFactory general = types.get("general");
        long spin = Math.max(1, Math.round(emptyPollNanos(general, Thread::onSpinWait, SPINS)));
        long yield = Math.max(1, Math.round(emptyPollNanos(general, Thread::yield, YIELDS)));
        long perWork = Math.round(perWorkNanos(general));
        String text = render(hops, dutyCycle, perWork, spin, yield, parkOvershoots(), measureWork(types));
        AtomicFile.writeString("the calibration file", out, text);
        printer.print(text);
        printer.println("calibration written to " + out + " (use: xk run SCENARIO --sim --calibration " + out + ")");
        printer.flush();
        return Xk.OK;
    }

    static String render(Histogram hops, long dutyCycleNanos, long perWorkNanos, long spinNanos, long yieldNanos,
            Histogram parkOvershoots, Map<String, WorkCost> work) {
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
        text.append("# perWork: a burst through a general kernel whose stages cost nothing, per unit of work its duty"
                + " cycles reported\n");
        text.append(String.format(Locale.ROOT, "perWork: %dns%n", perWorkNanos));
        text.append("# idle: an empty poll with one spin, with one yield (averaged); a 1us park's overshoot over ")
                .append(parkOvershoots.getTotalCount()).append(" parks\n");
        text.append(String.format(Locale.ROOT, "idle: {spin: %dns, yield: %dns, parkOvershoot: {p0: %dns",
                spinNanos, yieldNanos, parkOvershoots.getMinValue()));
        for (double p : new double[] {1, 50, 90, 99}) {
            text.append(", p").append((long) p).append(": ").append(parkOvershoots.getValueAtPercentile(p)).append("ns");
        }
        text.append(", p100: ").append(parkOvershoots.getMaxValue()).append("ns}}\n");
        if (!work.isEmpty()) {
            text.append("# work: each kind of kernel work the simulation models, averaged over many calls on 1 KiB and"
                    + " 4 KiB, fitted as a fixed cost and a cost per KiB\nwork:\n");
            work.forEach((name, cost) -> text.append(String.format(Locale.ROOT, "  %s: {base: %dns, perKiB: %dns}%n",
                    name, cost.baseNanos(), cost.nanosPerKiB())));
        }
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

    /**
     * Nanoseconds of one idle poll of a worker followed by {@code idle}, averaged over {@code calls} (after a warm-up
     * pass): what {@code KernelWorker}'s loop does when there is nothing to do — a clock reading, an empty duty cycle
     * of a general kernel (a drain of its empty inbound channel, its sources, its run queue) and the duty-cycle
     * count.
     */
    private static double emptyPollNanos(KernelFactory general, Runnable idle, int calls) {
        Clock clock = SystemNanoClock.INSTANCE;
        SpscChannel channel = new SpscChannel(new LinkSpec(1, "a", 0, "calibrate", CAPACITY, BackpressurePolicy.RETRY),
                c -> { });
        TestKernelContext context = new TestKernelContext(0, "calibrate", 1, clock, List.of()).inbound(channel);
        Kernel kernel = generalKernel(general, 64);
        kernel.onBoot(context);
        try {
            SingleWriterCounter dutyCycles = context.metrics(0).dutyCycles;
            double perCall = 0;
            long sink = 0;
            for (int pass = 0; pass < 2; pass++) {
                long start = clock.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink += clock.nanoTime();
                    sink += kernel.doWork(0);
                    dutyCycles.increment();
                    idle.run();
                }
                perCall = (clock.nanoTime() - start) / (double) calls;
            }
            consumed = sink; // the loop's results are used: the JIT cannot drop the duty cycles
            return perCall;
        } finally {
            kernel.onShutdown();
        }
    }

    /**
     * Every kernel type's own measurement of the work it models ({@code KernelFactory.measureWork}), by
     * {@code TYPE.NAME}, each in a scratch directory deleted afterwards.
     */
    private static Map<String, WorkCost> measureWork(KernelTypes types) {
        Map<String, WorkCost> all = new TreeMap<>();
        for (String type : types.names()) {
            KernelFactory factory = types.get(type);
            if (factory.modelledWork().isEmpty()) {
                continue;
            }
            Path scratch;
            try {
                scratch = Files.createTempDirectory("xk-calibrate-" + type);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a scratch directory to measure " + type + " work", e);
            }
            try {
                factory.measureWork(scratch).forEach((work, cost) -> all.put(type + "." + work, cost));
            } finally {
                IoUtil.delete(scratch.toFile(), true);
            }
        }
        return all;
    }

    /** How much longer than asked each of {@value #PARKS} parks of 1 µs lasted, in nanoseconds. */
    private static Histogram parkOvershoots() {
        Histogram overshoots = new Histogram(3);
        for (int i = 0; i < PARKS; i++) {
            long start = System.nanoTime();
            LockSupport.parkNanos(PARK_NANOS);
            overshoots.recordValue(Math.max(0, System.nanoTime() - start - PARK_NANOS));
        }
        return overshoots;
    }

    /**
     * Nanoseconds a general kernel spends per unit of work its duty cycles report ({@code doWork}'s count: a request
     * released, drained, run, forwarded), with stages that cost nothing: the runtime's own per-message work, averaged
     * over a burst of {@value #REQUESTS} requests (after a warm-up burst).
     */
    /** A general kernel made through its factory (the SPI: the CLI does not reach into kernel classes). */
    private static Kernel generalKernel(KernelFactory general, int queueDepth) {
        return general.create(new KernelSpec("calibrate", "general", List.of(0),
                Map.of("queueDepth", String.valueOf(queueDepth), "batch", "64")));
    }

    private static double perWorkNanos(KernelFactory general) {
        Clock clock = SystemNanoClock.INSTANCE;
        double perWork = 0;
        for (int pass = 0; pass < 2; pass++) {
            Route route = new Route(0, "calibrate", "burst", List.of(new Stage(0, "calibrate", 0, 1, 0)), 0);
            TestKernelContext context = new TestKernelContext(0, "calibrate", 1, clock, List.of(route))
                    .source(new Source(route, new BurstSchedule(0, REQUESTS, 0, Long.MAX_VALUE)));
            Kernel kernel = generalKernel(general, 8192);
            kernel.onBoot(context);
            try {
                long start = clock.nanoTime();
                context.openSources(start);
                long work = 0;
                while (context.sum(m -> m.completed, 0) < REQUESTS) {
                    work += kernel.doWork(0);
                }
                perWork = (clock.nanoTime() - start) / (double) work;
            } finally {
                kernel.onShutdown();
            }
        }
        return perWork;
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
