package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.channel.ChannelInterposer;
import io.crosskernel.hypervisor.host.Hypervisor.BootedKernel;
import io.crosskernel.hypervisor.partition.KernelPlacement;
import io.crosskernel.hypervisor.process.ControlSlot;
import io.crosskernel.hypervisor.process.ControlSlot.Command;
import io.crosskernel.hypervisor.process.ControlSlot.State;
import io.crosskernel.hypervisor.process.CounterBridge;
import io.crosskernel.hypervisor.process.KernelCounters;
import io.crosskernel.hypervisor.process.KernelResults;
import io.crosskernel.hypervisor.process.LatencyResults;
import io.crosskernel.hypervisor.process.MappedChannelMemory;
import io.crosskernel.hypervisor.process.RunDirectory;
import io.crosskernel.hypervisor.process.RunDirectoryException;
import io.crosskernel.hypervisor.process.SharedCounters;
import io.crosskernel.hypervisor.scenario.HostSettings;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The main class of a kernel process: one kernel of a run, in a JVM of its own that its host started
 * ({@link ProcessKernels}). It reads the run's scenario from the run directory, maps the rings of its channels and the
 * counters file, boots its kernel and starts its workers as a thread-mode kernel's ({@link WorkerThreads}: pinned,
 * the same duty-cycle loop), then, on its main thread, publishes its figures every {@value #PUBLISH_MILLIS} ms and
 * follows the host's commands until {@code STOP}: it stops and joins its workers, reads the kernel's {@code stats()},
 * shuts the kernel down, publishes its final figures, writes its latencies ({@link LatencyResults}) and its kernel
 * details, hiccups and misses ({@link KernelResults}) and exits 0. The kernel's sources (the workloads that start on
 * it) release here; after {@code CLOSE} the main thread says when they have released their last request
 * ({@link SourcesClosedAck}, {@code ControlSlot.SOURCES_DONE}).
 *
 * <p>Arguments: {@code --run-dir DIR --kernel NAME --seed N --pin true,false,... --host-pid PID} (one pin flag per
 * worker: whether its core exists on this machine; the pid of the host that started it). Exit codes: 0 stopped as told; 2 wrong arguments or a run directory it cannot use
 * (another version, another scenario); 3 the kernel failed to boot or start, or the host went away. It watches its
 * host: when the host process is gone it stops its workers and exits within {@value #PUBLISH_MILLIS} ms, so no kernel
 * process outlives its host.
 *
 * <p>Threading: the main thread runs this class; the kernel's workers run on the threads {@link WorkerThreads}
 * starts. The main thread is the single writer of the shared counters this process owns, but the generated counts of
 * the worker that polls sources, which that worker publishes as it releases each request
 * ({@code CounterBridge.generatedPublisher}), and the single reader of its workers' latency recorders.
 */
public final class KernelProcessMain {
    /** The scenario's text, as the host read it, in the run directory. */
    static final String SCENARIO_FILE = "scenario.yaml";
    static final long PUBLISH_MILLIS = 2;
    /** The file in which a kernel process says which collector its JVM runs, for the report. */
    static final String COLLECTOR_FILE = "collector-%s.txt";
    private static final String USAGE = "usage: KernelProcessMain --run-dir DIR --kernel NAME --seed N --pin "
            + "true,false,... --host-pid PID (started by xk run for a kernel with 'isolation: process'; not meant to be run by hand)";

    private KernelProcessMain() {
    }

    /** The name of kernel {@code kernel}'s {@link #COLLECTOR_FILE}. */
    static String collectorFile(String kernel) {
        return String.format(COLLECTOR_FILE, kernel);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the kernel process and returns its exit code. */
    static int run(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("xk kernel process: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        AtomicBoolean mainLoopWatches = new AtomicBoolean();
        watchHostDuringStartUp(arguments.hostPid, mainLoopWatches);
        try {
            RunDirectory dir;
            try {
                dir = RunDirectory.open(arguments.runDir);
            } catch (RunDirectoryException e) {
                System.err.println("xk kernel process: " + e.getMessage());
                return 2;
            }
            try {
                return new KernelProcessMain.Run(arguments, dir, mainLoopWatches).run();
            } catch (RunDirectoryException | ScenarioException e) {
                System.err.println("xk kernel process '" + arguments.kernel + "': " + e.getMessage());
                return 2;
            } finally {
                dir.close();
            }
        } finally {
            // Ends the start-up watch on every way out (it would otherwise outlive a run() that returned early, and
            // halt a JVM that called run() itself, a test's, once it saw that JVM's parent is not the host).
            mainLoopWatches.setRelease(true);
        }
    }

    /**
     * Until the main thread's loop watches the host itself ({@code mainLoopWatches}): a daemon thread that ends this
     * process when the host dies while it is still starting (loading classes, mapping its files, booting its kernel,
     * which can take seconds on a loaded machine). Nothing started by then needs stopping: the process's end unmaps
     * its files and ends any worker thread, and the host's run directory is the host's (or the next run's) to delete.
     */
    private static void watchHostDuringStartUp(long hostPid, AtomicBoolean mainLoopWatches) {
        Thread watch = new Thread(() -> {
            while (!mainLoopWatches.getAcquire()) {
                if (hostGone(hostPid)) {
                    System.err.println("xk kernel process: its host is gone while it was starting; exiting");
                    Runtime.getRuntime().halt(3);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PUBLISH_MILLIS));
            }
        }, "xk-host-watch-startup");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * True when the host has died: this process was re-parented (to init or a sub-reaper). Checked on the parent id
     * rather than with the host's {@code ProcessHandle.isAlive()}, which was seen answering true for a host killed
     * with SIGKILL (HostSignalTest).
     */
    public static boolean hostGone(long hostPid) {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        return hostPid < 0 || parent != hostPid;
    }

    /** The parsed command line. */
    record Arguments(Path runDir, String kernel, long seed, List<Boolean> pin, long hostPid) {
        static Arguments parse(String[] args) {
            Path runDir = null;
            String kernel = null;
            Long seed = null;
            List<Boolean> pin = null;
            Long hostPid = null;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--run-dir" -> runDir = Path.of(value);
                    case "--kernel" -> kernel = value;
                    case "--seed" -> seed = parseSeed(value);
                    case "--pin" -> pin = parsePins(value);
                    case "--host-pid" -> hostPid = parsePid(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (runDir == null || kernel == null || seed == null || pin == null || hostPid == null) {
                throw new IllegalArgumentException("--run-dir, --kernel, --seed, --pin and --host-pid are all required");
            }
            return new Arguments(runDir, kernel, seed, pin, hostPid);
        }

        private static long parsePid(String value) {
            try {
                long pid = Long.parseLong(value);
                if (pid > 0) {
                    return pid;
                }
            } catch (NumberFormatException e) {
                // falls through to the same message
            }
            throw new IllegalArgumentException("--host-pid " + value + " is not a process id");
        }

        private static long parseSeed(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed " + value + " is not a whole number");
            }
        }

        private static List<Boolean> parsePins(String value) {
            List<Boolean> pins = new ArrayList<>();
            for (String flag : value.split(",", -1)) {
                if (!flag.equals("true") && !flag.equals("false")) {
                    throw new IllegalArgumentException("--pin " + value + ": each worker's flag is true or false");
                }
                pins.add(Boolean.parseBoolean(flag));
            }
            return pins;
        }
    }

    /** One kernel process's run, on the main thread. */
    private static final class Run {
        private final Arguments arguments;
        private final RunDirectory dir;
        private final AtomicReference<String> stopReason = new AtomicReference<>();
        /**
         * The host's pid, as the host gave it: not read from this process's parent at start-up, because a host killed
         * while this JVM was starting has already left it re-parented by then (seen in CI: a kernel process took
         * init's pid for its host's and outlived it).
         */
        private final long hostPid;
        /** Set when {@link #follow} takes over watching the host from the start-up watch. */
        private final AtomicBoolean mainLoopWatches;

        Run(Arguments arguments, RunDirectory dir, AtomicBoolean mainLoopWatches) {
            this.arguments = arguments;
            this.dir = dir;
            this.hostPid = arguments.hostPid();
            this.mainLoopWatches = mainLoopWatches;
        }

        int run() {
            Scenario scenario;
            try {
                scenario = new ScenarioParser(KernelTypes.load()).withSeed(arguments.seed)
                        .parse(dir.path().resolve(SCENARIO_FILE));
            } catch (ScenarioException e) {
                throw new RunDirectoryException("the run directory's scenario does not read here: " + e.getMessage());
            }
            KernelDecl decl = scenario.kernel(arguments.kernel);
            if (decl == null || !decl.inProcess()) {
                throw new RunDirectoryException("the run's scenario has no process-mode kernel '" + arguments.kernel
                        + "'");
            }
            if (arguments.pin.size() != decl.cores().size()) {
                throw new RunDirectoryException("--pin names " + arguments.pin.size() + " workers, kernel '"
                        + decl.name() + "' has " + decl.cores().size());
            }
            SharedCounters shared = SharedCounters.open(dir);
            KernelCounters counters = KernelCounters.find(shared, scenario, decl);
            shared.setRelease(counters.control(ControlSlot.PID), ProcessHandle.current().pid());

            Clock clock = SystemNanoClock.INSTANCE;
            int k = decl.id();
            ChannelFabric fabric = new ChannelFabric(scenario.kernels().size(), scenario.links(),
                    channel -> requestStop("channel " + channel.spec().label()
                            + " was full and its backpressure policy is 'fail'"),
                    ChannelInterposer.NONE,
                    MappedChannelMemory.opening(dir, link -> link.fromKernel() == k || link.toKernel() == k));
            TaskErrorLog errors = new TaskErrorLog(scenario.host().onError() == HostSettings.OnError.STOP
                    ? () -> requestStop("a task failed and the scenario says onError: stop") : () -> { },
                    this::requestStop);
            List<Route> routes = new ArrayList<>();
            for (WorkloadDecl workload : scenario.workloads()) {
                routes.add(workload.route());
            }
            List<Source> sources = new ArrayList<>();
            for (WorkloadDecl workload : scenario.workloads()) {
                if (workload.route().stage(0).kernelId() == k) {
                    // The host parsed the same text with the same seed: the same arrivals, released here alone.
                    sources.add(new Source(workload.route(), workload.schedule().copy()));
                }
            }
            List<String> announcements = new CopyOnWriteArrayList<>();
            HostKernelContext context = new HostKernelContext(k, decl.name(), decl.cores(), clock, fabric, routes,
                    sources, errors, announcements);
            CounterBridge bridge = CounterBridge.of(shared, counters, context.allMetrics(), fabric);
            bridge.resume(); // a restarted kernel goes on from its predecessor's figures (zeros for the first)
            // The worker that polls sources publishes its generated counts itself, as it releases each request: the
            // main thread's publish below then skips them (one writer per shared counter).
            context.publishGeneratedThrough(bridge::generatedPublisher);
            KernelPlacement placement = new KernelPlacement(k, decl.name(), decl.type(), decl.cores(),
                    arguments.pin);
            WorkerThreads workers = new WorkerThreads(NativeHostPlatform.INSTANCE);
            BootedKernel booted;
            try {
                KernelFactory factory = KernelTypes.load().get(decl.type());
                Kernel kernel = factory.create(decl.toSpec());
                kernel.onBoot(context);
                booted = new BootedKernel(decl, placement, kernel, context);
                booted.sourcesAck = new SourcesClosedAck(context, decl.cores().size());
                for (WorkerMetrics metrics : context.allMetrics()) {
                    metrics.hiccups.threshold(scenario.host().hiccupThresholdNanos());
                }
                workers.start(List.of(booted), clock, errors);
            } catch (RuntimeException e) {
                workers.stopAndJoin(message -> { });
                System.err.println("xk kernel process '" + decl.name() + "': " + e.getMessage());
                shared.setRelease(counters.control(ControlSlot.STATE), State.FAILED);
                return 3;
            }
            for (KernelWorker worker : booted.workers) {
                int[] pin = counters.pin(worker.worker());
                long mask = 0;
                for (int cpu : worker.pinResult().grantedCpus()) {
                    mask |= cpu < Long.SIZE ? 1L << cpu : 0;
                }
                shared.setRelease(pin[0], mask);
                shared.setRelease(pin[1], worker.pinResult().pinned() ? 1 : 0);
            }
            bridge.publish();
            try {
                // Before RUNNING, which the host waits for before it reads the file (a rename: never seen half-written).
                Path collector = dir.path().resolve(collectorFile(decl.name()));
                Path written = dir.path().resolve(collectorFile(decl.name()) + ".tmp");
                java.nio.file.Files.writeString(written, io.crosskernel.hypervisor.jvm.JvmCollector.name());
                java.nio.file.Files.move(written, collector, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                System.err.println("xk kernel process '" + decl.name() + "': cannot say its collector: " + e);
            }
            shared.setRelease(counters.control(ControlSlot.STATE), State.RUNNING);

            boolean hostGone = follow(shared, counters, context, bridge, booted.sourcesAck);
            context.closeSources();
            List<String> stuck = workers.stopAndJoin(message -> System.err.println("xk kernel process '"
                    + decl.name() + "': " + message));
            if (!stuck.isEmpty()) {
                System.err.println("xk kernel process '" + decl.name() + "': workers " + stuck
                        + " did not stop; exiting without shutting the kernel down");
                bridge.publish();
                return 3;
            }
            Map<String, Object> details = Map.of();
            try {
                details = booted.kernel.stats(); // after the workers joined, before onShutdown: as in the host
            } catch (RuntimeException | Error e) {
                System.err.println("xk kernel process '" + decl.name() + "': the kernel could not report its"
                        + " figures: " + e);
            }
            try {
                booted.kernel.onShutdown();
            } catch (RuntimeException | Error e) {
                System.err.println("xk kernel process '" + decl.name() + "': the kernel failed to shut down cleanly: "
                        + e);
            }
            for (String sample : errors.samples()) {
                System.err.println("xk kernel process '" + decl.name() + "': task error: " + sample);
            }
            bridge.publish();
            if (hostGone) {
                System.err.println("xk kernel process '" + decl.name() + "': its host is gone; exiting");
                return 3;
            }
            try {
                LatencyResults.write(dir.path().resolve(LatencyResults.fileName(decl.name())),
                        context.allMetrics());
            } catch (IOException e) {
                System.err.println("xk kernel process '" + decl.name() + "': cannot write its latencies: " + e);
            }
            try {
                KernelResults.write(dir.path().resolve(KernelResults.fileName(decl.name())), details,
                        context.allMetrics());
            } catch (IOException | RuntimeException e) {
                System.err.println("xk kernel process '" + decl.name() + "': cannot write its kernel details,"
                        + " hiccups and misses: " + e);
            }
            shared.setRelease(counters.control(ControlSlot.STATE), State.STOPPED);
            return 0;
        }

        /**
         * The main thread's loop while the workers run: publishes the figures, follows the host's commands and
         * watches the host.
         *
         * @return true when the loop ended because the host is gone, false on {@code STOP}
         */
        private boolean follow(SharedCounters shared, KernelCounters counters, HostKernelContext context,
                CounterBridge bridge, SourcesClosedAck sourcesAck) {
            boolean sourcesDone = false;
            long discards = 0;
            boolean open = false;
            boolean stopReported = false;
            mainLoopWatches.setRelease(true); // from here this loop watches the host (and stops the workers first)
            while (true) {
                bridge.publish();
                // The time of this beat on the monotonic clock every process of the host shares (CLOCK_MONOTONIC, as
                // the run's start): the host reads how old the last beat is, not only that it moved.
                shared.setRelease(counters.control(ControlSlot.HEARTBEAT), System.nanoTime());
                if (!stopReported && stopReason.get() != null) {
                    stopReported = true;
                    System.err.println("xk kernel process '" + arguments.kernel + "': " + stopReason.get());
                    shared.setRelease(counters.control(ControlSlot.STOP_REQUEST), 1);
                }
                long command = shared.getAcquire(counters.control(ControlSlot.COMMAND));
                if (command >= Command.STOP) {
                    return false;
                }
                if (command >= Command.OPEN && !open) {
                    open = true;
                    context.openSources(shared.getAcquire(counters.control(ControlSlot.RUN_START)));
                }
                if (command >= Command.CLOSE) {
                    context.closeSources();
                    if (!sourcesDone && sourcesAck.allSeen()) {
                        // No worker releases again, and each published its generated counts before its
                        // acknowledgement (program order; the acknowledgement is a release, loaded with acquire):
                        // publish the rest once more, then say so (release).
                        sourcesDone = true;
                        bridge.publish();
                        shared.setRelease(counters.control(ControlSlot.SOURCES_DONE), 1);
                    }
                }
                long wanted = shared.getAcquire(counters.control(ControlSlot.DISCARDS));
                if (wanted != discards) {
                    discards = wanted;
                    for (WorkerMetrics worker : context.allMetrics()) {
                        for (LatencyRecorder recorder : worker.allRecorders()) {
                            recorder.discard();
                        }
                    }
                }
                if (hostGone(hostPid)) {
                    return true;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PUBLISH_MILLIS));
            }
        }

        private boolean requestStop(String reason) {
            return stopReason.compareAndSet(null, reason);
        }
    }
}
