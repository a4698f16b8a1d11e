package io.crosskernel.bench.journal;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.bench.BenchFlags;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import io.crosskernel.hypervisor.journal.JournalLayout;
import io.crosskernel.hypervisor.journal.JournalFailure;
import io.crosskernel.hypervisor.journal.KernelJournalWriter;
import io.crosskernel.hypervisor.journal.PayloadMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The journal's store, Chronicle Queue, as kernels use it: one 72-byte SEND entry appended through
 * {@link KernelJournalWriter} (payload mode {@code digest}, the default), on the benchmark thread pinned to CPU
 * {@value BenchFlags#MEASURE_CPU}.
 * <ul>
 *   <li>{@code mode=append}: the append alone, what a journaled kernel adds per message on its own core;</li>
 *   <li>{@code mode=append-tail}: the append, then a tailer on CPU {@value BenchFlags#ECHO_CPU} finds the entry,
 *       reads its request id and hands it back through one padded field; the operation ends when the benchmark
 *       thread sees it. An entry's trip from one core's append to another core's reader, plus one cache-line
 *       transfer back (half the volatile floor of {@code RoundTripBenchmark}).</li>
 * </ul>
 * Compare the two in the same run; the difference is what reading the journal live on another core costs.
 *
 * <p>Threading: the benchmark thread appends (the queue's one writer); the tailer thread, started and stopped by
 * {@link #setUp}/{@link #tearDown} on the benchmark thread, reads. The hand-back field has one writer (the tailer).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class JournalTailBenchmark extends JournalBenchmarkJvm {
    public static final String APPEND = "append";
    public static final String APPEND_TAIL = "append-tail";

    @Param({APPEND, APPEND_TAIL})
    public String mode;

    private Path directory;
    private KernelJournalWriter writer;
    private final Envelope message = new Envelope();
    private long next;
    private Tailer tailer;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        ThreadPinner.warmUp();
        String pin = ThreadPinner.pinCurrentThread(BenchFlags.MEASURE_CPU).detail();
        try {
            directory = Files.createTempDirectory("xk-journal-tail");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer = new KernelJournalWriter(directory, 0, "sender", PayloadMode.DIGEST, SystemNanoClock.INSTANCE,
                new JournalFailure());
        if (APPEND_TAIL.equals(mode)) {
            tailer = Tailer.start(directory);
            pin += "; tailer " + tailer.pin;
        } else if (!APPEND.equals(mode)) {
            throw new IllegalArgumentException("unknown mode " + mode + " (" + APPEND + " or " + APPEND_TAIL + ")");
        }
        System.out.println("pinning: appender " + pin);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (tailer != null) {
            tailer.stop();
        }
        writer.close();
        JournalFixture.deleteTree(directory);
    }

    /** One entry appended (and, under {@code append-tail}, read back on the other core). */
    @Benchmark
    public long appendEntry() {
        long id = ++next;
        Envelope m = message;
        m.requestId = id;
        m.traceId = id;
        m.payload = id;
        writer.message(JournalLayout.SEND, 0, 0, 1, id, m, id);
        Tailer t = tailer;
        if (t != null) {
            while (t.seen.get() != id) {
                Thread.onSpinWait();
            }
        }
        return id;
    }

    /**
     * The reading side: a thread pinned to the echo CPU with its own queue instance and tailer, publishing the
     * request id of every entry it reads.
     */
    private static final class Tailer implements Runnable {
        /** Keeps {@link #seen}, allocated next, off the line of this object's fields (allocation order). */
        @SuppressWarnings("unused")
        private final long[] spacer = new long[16];
        /** The last request id read: written by the tailer thread only (lazySet), spun on by the appender. */
        final AtomicLong seen = new AtomicLong();
        private final Path directory;
        private final CountDownLatch started = new CountDownLatch(1);
        private final Thread thread;
        private volatile boolean running = true;
        private volatile String pin = "not started";
        private volatile Throwable failure;

        private Tailer(Path directory) {
            this.directory = directory;
            this.thread = new Thread(this, "journal-tailer");
            this.thread.setDaemon(true);
        }

        static Tailer start(Path directory) throws InterruptedException {
            Tailer t = new Tailer(directory);
            t.thread.start();
            if (!t.started.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the tailer did not start");
            }
            if (t.failure != null) {
                throw new IllegalStateException("the tailer failed to start", t.failure);
            }
            return t;
        }

        @Override
        public void run() {
            pin = ThreadPinner.pinCurrentThread(BenchFlags.ECHO_CPU).detail();
            try (ChronicleQueue queue = ChronicleQueue.singleBuilder(directory).rollCycle(RollCycles.FAST_DAILY)
                    .build()) {
                ExcerptTailer reader = queue.createTailer();
                started.countDown();
                while (running) {
                    try (DocumentContext dc = reader.readingDocument()) {
                        if (!dc.isPresent()) {
                            Thread.onSpinWait();
                            continue;
                        }
                        Bytes<?> bytes = dc.wire().bytes();
                        seen.lazySet(bytes.readLong(bytes.readPosition() + JournalLayout.MSG_REQUEST_ID));
                    }
                }
            } catch (RuntimeException | Error e) {
                failure = e;
                started.countDown();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
