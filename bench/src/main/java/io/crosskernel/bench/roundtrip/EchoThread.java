package io.crosskernel.bench.roundtrip;

import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The far end of a round trip: a daemon thread pinned to one CPU that echoes every ping of a
 * {@link PingPongTransport} until stopped.
 *
 * <p>Threading: {@link #start} and {@link #close} are called by the owning (measuring) thread; the loop runs on the
 * echo thread, the only caller of {@link PingPongTransport#echoOnce()}.
 */
public final class EchoThread implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private final PingPongTransport transport;
    private final int cpu;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile PinResult pin;

    private EchoThread(PingPongTransport transport, int cpu) {
        this.transport = transport;
        this.cpu = cpu;
        this.thread = new Thread(this::loop, "echo-" + transport.name() + "-cpu" + cpu);
        this.thread.setDaemon(true);
    }

    /**
     * Starts an echo thread for {@code transport} pinned to {@code cpu} and waits until it runs.
     *
     * @throws IllegalStateException if it does not start within 10 s
     */
    public static EchoThread start(PingPongTransport transport, int cpu) {
        EchoThread echo = new EchoThread(transport, cpu);
        echo.thread.start();
        try {
            if (!echo.started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("echo thread did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the echo thread", e);
        }
        return echo;
    }

    /** What the OS granted the echo thread. */
    public PinResult pin() {
        return pin;
    }

    private void loop() {
        pin = ThreadPinner.pinCurrentThread(cpu);
        started.countDown();
        PingPongTransport t = transport;
        while (running) {
            t.echoOnce();
        }
    }

    /** Stops the loop and waits for the thread to end. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
