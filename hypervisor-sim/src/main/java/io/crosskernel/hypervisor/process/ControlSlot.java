package io.crosskernel.hypervisor.process;

/**
 * The control counters of one kernel process, each with one writer (docs/PROCESSES.md, "Lifecycle").
 *
 * <ul>
 *   <li>{@link #COMMAND} (host): how far the run has got, a {@link Command} code; only ever rises;</li>
 *   <li>{@link #RUN_START} (host): the run's start on the shared monotonic clock, stored before {@code OPEN};</li>
 *   <li>{@link #DISCARDS} (host): how many times the host discarded latencies (the end of the warm-up);</li>
 *   <li>{@link #STATE} (process): a {@link State} code;</li>
 *   <li>{@link #PID} (process): its process id, stored before {@code BOOTED};</li>
 *   <li>{@link #HEARTBEAT} (process): the time ({@link System#nanoTime()}, the host's monotonic clock, shared by its
 *       processes) at which its main thread last published its figures; 0 until the first;</li>
 *   <li>{@link #STOP_REQUEST} (process): 1 when something in the process asks the run to stop (a {@code fail}
 *       channel, {@code onError: stop}, a fatal task error); its messages are on its standard error.</li>
 *   <li>{@link #SOURCES_DONE} (process): 1 once, after {@code CLOSE}, every worker has seen its sources closed and the
 *       main thread has published its final generated counts after that (docs/PROCESSES.md, "Sources in a
 *       process"): the host's drain check may trust them from then on.</li>
 * </ul>
 */
public enum ControlSlot {
    COMMAND("command"), RUN_START("run start"), DISCARDS("latency discards"), STATE("state"), PID("pid"),
    HEARTBEAT("heartbeat"), STOP_REQUEST("stop request"),
    SOURCES_DONE("sources done");

    private final String label;

    ControlSlot(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** What the host tells a kernel process; codes only rise. */
    public static final class Command {
        /** Boot and start the workers (implied by the process start). */
        public static final long BOOT = 0;
        /** Open the sources: the run has started at {@link #RUN_START}. */
        public static final long OPEN = 1;
        /** Close the sources: in-flight work goes on. */
        public static final long CLOSE = 2;
        /** Stop the workers, publish the final figures, write the results and exit. */
        public static final long STOP = 3;

        private Command() {
        }
    }

    /** Where a kernel process is. */
    public static final class State {
        /** Started, booting. */
        public static final long STARTING = 0;
        /** Booted, every worker running and pinned. */
        public static final long RUNNING = 1;
        /** Workers joined, final figures published, results written: about to exit 0. */
        public static final long STOPPED = 2;
        /** The kernel could not boot or a worker could not start: about to exit with the reason on stderr. */
        public static final long FAILED = -1;

        private State() {
        }
    }
}
