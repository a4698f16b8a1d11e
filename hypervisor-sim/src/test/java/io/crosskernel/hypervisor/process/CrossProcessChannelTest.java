package io.crosskernel.hypervisor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One channel class over two kinds of memory: a child JVM offers on a {@link SpscChannel} over a mapped ring file,
 * this JVM drains the same file through another {@code SpscChannel}, and a shared counter carries the child's count.
 */
@Timeout(120)
class CrossProcessChannelTest {
    static final LinkSpec LINK = new LinkSpec(0, "child", 1, "parent", 64, BackpressurePolicy.RETRY);
    static final int TYPE = 99;
    private static final int COUNT = 100_000;

    @TempDir
    Path parent;

    @Test
    void aChildProcessOffersAndThisOneDrainsEveryMessageInOrder() throws Exception {
        long[] next = {1};
        long received;
        Process child = null;
        try (RunDirectory dir = RunDirectory.create(parent, 1 << 20)) {
            SpscChannel channel = new SpscChannel(LINK, c -> { },
                    new UnsafeBuffer(dir.mapNew(MappedChannelMemory.fileName(LINK), SpscChannel.ringBytes(64))));
            SharedCounters counters = SharedCounters.create(dir, 4);
            int sentId = counters.allocate(TYPE, 0, 0, 0, "child sent");
            child = new ProcessBuilder(ChildJvmCommand.of(List.of(), MappedChannelChild.class.getName(),
                    List.of(dir.path().toString(), String.valueOf(COUNT))))
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.INHERIT).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (next[0] <= COUNT && System.nanoTime() < deadline) {
                if (channel.drain(message -> {
                    assertThat(message.requestId).isEqualTo(next[0]);
                    assertThat(message.payload).isEqualTo(next[0] * 3);
                    next[0]++;
                }, 32) == 0) {
                    Thread.onSpinWait();
                }
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
            assertThat(child.exitValue()).isZero();
            received = counters.getAcquire(sentId);
            assertThat(channel.stats().delivered()).isEqualTo(COUNT);
            assertThat(channel.stats().inFlight()).isZero();
        } finally {
            if (child != null) {
                child.destroyForcibly().waitFor();
            }
        }
        assertThat(next[0] - 1).isEqualTo(COUNT);
        assertThat(received).isEqualTo(COUNT);
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).as("the run directory is deleted").isEmpty();
        }
    }

    @Test
    void aKernelProcessRefusesAForeignRunDirectory() throws IOException {
        Path foreign = Files.createDirectories(parent.resolve("foreign"));
        Files.writeString(foreign.resolve(RunDirectory.MARKER), "crosskernel run directory, format 0\n");

        assertThatThrownBy(() -> RunDirectory.open(foreign)).isInstanceOf(RunDirectoryException.class)
                .hasMessageContaining("is a run directory of another version");
        assertThatThrownBy(() -> RunDirectory.open(parent)).isInstanceOf(RunDirectoryException.class)
                .hasMessageContaining("is not a crosskernel run directory");
    }
}
