package io.crosskernel.bench.plain;

import io.crosskernel.bench.BenchFlags;
import io.crosskernel.hypervisor.channel.SpscChannel;
import io.crosskernel.hypervisor.process.ChildJvmCommand;
import io.crosskernel.hypervisor.process.MappedChannelMemory;
import io.crosskernel.hypervisor.process.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The channel pair of {@link MappedChannelPair} with the echoer in a JVM of its own ({@link ProcessEcho}, confined to
 * CPU {@value BenchFlags#ECHO_CPU} with {@code taskset} when the PATH has it, its echo thread pinned there): the round
 * trip across two processes through mapped rings that a channel to a kernel in a process of its own makes. The
 * pinger's loop is {@link ChannelPair}'s own.
 *
 * <p>The echo process lives for the whole run: it answers every message but {@link ProcessEcho#STOP}, spins while
 * messages come and parks once none came for a while (so it leaves the CPU to the other transports' echo threads
 * between its segments), and exits on {@link ProcessEcho#STOP} or when this JVM is gone. In this JVM the segment's
 * echo thread only waits, parked, for its pinger to finish. If the echo process dies during the run, a watcher ends
 * this JVM with a message (a spinning pinger cannot be told).
 *
 * <p>Threading: {@link #create} and {@link #close()} on the measuring thread; as {@link ChannelPair} otherwise.
 */
final class ProcessChannelPair extends ChannelPair {
    static final String NAME = "crosskernel-process";
    private static final long HELLO = Long.MAX_VALUE - 1;
    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 10;

    private final RunDirectory dir;
    private final Process echo;
    /** Set before this JVM stops the echo process itself: its exit is then expected. */
    private volatile boolean closing;
    /** Segments whose pinger finished; written by the measuring thread, read by the parked echo threads. */
    private volatile int segmentsPinged;
    /** Echo thread of the current segment only (one at a time, each joined before the next starts). */
    private int segmentsWaited;

    private ProcessChannelPair(RunDirectory dir) {
        super(NAME, fabric(MappedChannelMemory.creating(dir, link -> true)));
        this.dir = dir;
        List<String> command = ChildJvmCommand.of(List.of(BenchFlags.ECHO_CPU), ProcessEcho.class.getName(),
                List.of(dir.path().toString(), Long.toString(ProcessHandle.current().pid())));
        try {
            this.echo = new ProcessBuilder(command).redirectOutput(Redirect.INHERIT).redirectError(Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the echo process", e);
        }
        echo.onExit().thenAccept(ended -> {
            if (!closing) {
                System.err.println(NAME + ": the echo process (pid " + ended.pid() + ") exited with status "
                        + ended.exitValue() + " during the run; stopping");
                System.exit(1); // the run directory goes with RunDirectory's exit hook
            }
        });
    }

    /**
     * Makes the rings, starts the echo process and waits until it has answered one message.
     *
     * @throws IllegalStateException if it has not answered within a minute
     */
    static ProcessChannelPair create() {
        RunDirectory dir = RunDirectory.create(MappedChannelPair.SHARED_MEMORY,
                2L * SpscChannel.ringBytes(PlainRoundTrip.CAPACITY));
        ProcessChannelPair pair = null;
        try {
            pair = new ProcessChannelPair(dir);
            pair.awaitFirstAnswer();
            return pair;
        } catch (RuntimeException e) {
            if (pair != null) {
                pair.close();
            } else {
                dir.close();
            }
            throw e;
        }
    }

    /** One round trip before the measurements, with a bound: the echo process has started (JVM start, mapping). */
    private void awaitFirstAnswer() {
        Thread timeout = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(START_SECONDS)); // a time limit, interrupted once answered
            } catch (InterruptedException answered) {
                return;
            }
            System.err.println(NAME + ": the echo process did not answer within " + START_SECONDS + " s; stopping");
            System.exit(1);
        }, NAME + "-start-timeout");
        timeout.setDaemon(true);
        timeout.start();
        super.ping(HELLO, 1, 0, new Histogram(3));
        timeout.interrupt();
    }

    @Override
    void ping(long first, int warmup, int measured, Histogram histogram) {
        try {
            super.ping(first, warmup, measured, histogram);
        } finally {
            segmentsPinged++; // single writer: the measuring thread
        }
    }

    /** The echo process answers; this segment's echo thread waits, parked, until the pinger is done. */
    @Override
    void echo(int count) {
        int target = ++segmentsWaited;
        while (segmentsPinged < target && !abandoned()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Tells the echo process to stop, waits for it (killing it after {@value #STOP_SECONDS} s), removes the rings. */
    @Override
    void close() {
        closing = true;
        try {
            sendStop();
            if (!echo.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                echo.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            echo.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            dir.close(); // the echo process has exited (or been killed): nothing maps the rings any more
        }
    }

    /** Offers {@link ProcessEcho#STOP}; the echo process exits without answering it. */
    private void sendStop() {
        if (echo.isAlive()) {
            send(ProcessEcho.STOP);
        }
    }
}
