package io.crosskernel.bench.plain;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.bench.BenchFlags;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.host.KernelProcessMain;
import io.crosskernel.hypervisor.process.MappedChannelMemory;
import io.crosskernel.hypervisor.process.RunDirectory;
import io.crosskernel.hypervisor.process.RunDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The echo process of {@link ProcessChannelPair}: maps the two rings its parent made in run directory {@code args[0]}
 * and sends back every message it receives, until {@link #STOP} arrives or its parent ({@code args[1]}, a pid) is
 * gone. Its echo loop is {@link ChannelPair}'s: drain one, offer it back from inside the handler, no
 * {@code Thread.onSpinWait()}. After {@value #SPINS_BEFORE_PARKING} empty polls in a row (milliseconds with nothing
 * to answer: between its segments) it parks {@value #PARK_MICROS} µs between polls, leaving the CPU to the echo
 * threads of the other transports, and looks whether its parent is still there.
 *
 * <p>Exit status: 0 after {@link #STOP}, 3 when the parent is gone, 2 for bad arguments or a run directory it cannot
 * open.
 */
public final class ProcessEcho {
    /** The payload that ends the echo process; it is not answered. */
    static final long STOP = Long.MIN_VALUE;
    private static final int SPINS_BEFORE_PARKING = 1 << 22;
    private static final long PARK_MICROS = 100;

    private ProcessEcho() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ProcessEcho RUN_DIRECTORY PARENT_PID (started by the plain round trip)");
            System.exit(2);
        }
        RunDirectory dir;
        long parent;
        try {
            parent = Long.parseLong(args[1]);
            dir = RunDirectory.open(Path.of(args[0]));
        } catch (NumberFormatException | RunDirectoryException e) {
            System.err.println("ProcessEcho: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        try {
            status = echo(dir, parent);
        } finally {
            dir.close(); // the echo loop has returned: nothing uses the mappings
        }
        System.exit(status);
    }

    private static int echo(RunDirectory dir, long parent) {
        ChannelFabric fabric = ChannelPair.fabric(MappedChannelMemory.opening(dir, link -> true));
        InboundChannel pingIn = fabric.inboundTo(1).get(0);
        Echo echo = new Echo(fabric.outbound(1, 0));
        ThreadPinner.warmUp();
        ThreadPinner.pinCurrentThread(BenchFlags.ECHO_CPU);
        int idle = 0;
        while (!echo.stopped) {
            if (pingIn.drain(echo, 1) == 1) {
                idle = 0;
            } else if (++idle >= SPINS_BEFORE_PARKING) {
                if (KernelProcessMain.hostGone(parent)) {
                    return 3;
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(PARK_MICROS));
            }
        }
        return 0;
    }

    /** Offers every message back, except {@link #STOP}, which ends the loop. */
    private static final class Echo implements EnvelopeHandler {
        private final OutboundChannel pong;
        boolean stopped;

        Echo(OutboundChannel pong) {
            this.pong = pong;
        }

        @Override
        public void onMessage(Envelope envelope) {
            if (envelope.payload == STOP) {
                stopped = true;
                return;
            }
            while (pong.offer(envelope) != SendResult.SENT) {
                // spin: one message in flight, so the return channel always has room
            }
        }
    }
}
