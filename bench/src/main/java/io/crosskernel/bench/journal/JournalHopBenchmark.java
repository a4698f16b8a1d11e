package io.crosskernel.bench.journal;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import java.util.concurrent.TimeUnit;
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
 * The latency journaling adds to one message's hop: one offer and one drain of a single message on one thread, so
 * the figure is the work on the message's critical path (the sender's SEND append plus the receiver's RECEIVE
 * append) without cross-core noise. Compare {@code journal=off} with the payload modes in the same run.
 *
 * <p>Threading: one benchmark thread owns the fixture (both ends of the channel).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class JournalHopBenchmark extends JournalBenchmarkJvm implements EnvelopeHandler {
    @Param({JournalFixture.OFF, "none", "digest", "full"})
    public String journal;

    private JournalFixture fixture;
    private final Envelope message = new Envelope();
    private long checksum;
    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new JournalFixture(journal, 16);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    @Override
    public void onMessage(Envelope envelope) {
        checksum += envelope.payload;
    }

    @Benchmark
    public long hop() {
        message.requestId = next;
        message.payload = next++;
        if (fixture.out.offer(message) != SendResult.SENT) {
            throw new IllegalStateException("a drained channel refused a message");
        }
        fixture.in.drain(this, 1);
        return checksum;
    }
}
