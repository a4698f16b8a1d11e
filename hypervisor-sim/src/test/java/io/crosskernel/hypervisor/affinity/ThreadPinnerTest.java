package io.crosskernel.hypervisor.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.crosskernel.hypervisor.topology.CpuList;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pins real threads on this machine. Each test uses its own thread so the test runner's thread stays unpinned. */
class ThreadPinnerTest {
    private static final Path THREAD_STATUS = Path.of("/proc/thread-self/status");

    /** What one pinning attempt looked like from inside the pinned thread. */
    record Observation(PinResult result, int runningOn, List<Integer> kernelMask) {
    }

    @BeforeAll
    static void loadNativeLibrary() {
        ThreadPinner.warmUp();
    }

    private static <T> T onFreshThread(Supplier<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                result.set(body.get());
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        }, "pinning-test");
        thread.start();
        assertThat(done.await(30, TimeUnit.SECONDS)).as("pinning thread finished").isTrue();
        if (failure.get() != null) {
            throw new AssertionError("pinning thread failed", failure.get());
        }
        return result.get();
    }

    /** The calling thread's mask as the kernel reports it, or null where /proc is not available. */
    private static List<Integer> kernelMask() {
        try {
            for (String line : Files.readAllLines(THREAD_STATUS, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return CpuList.parse(line.substring("Cpus_allowed_list:".length()));
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void assumePinningWorksHere() {
        assumeThat(System.getProperty("os.name")).as("thread affinity is tested on Linux").startsWith("Linux");
        assumeThat(ThreadPinner.isSupported()).as("native affinity library loaded").isTrue();
    }

    @Test
    void pinsOneThreadToEachUsableCpuInTurn() throws Exception {
        assumePinningWorksHere();
        List<Integer> usable = CpuTopology.detect().usableCpus();

        List<Observation> observations = onFreshThread(() -> {
            List<Observation> seen = new ArrayList<>();
            for (int cpu : usable) {
                PinResult result = ThreadPinner.pinCurrentThread(cpu);
                seen.add(new Observation(result, Affinity.getCpu(), kernelMask()));
            }
            return seen;
        });

        assertThat(observations).hasSameSizeAs(usable);
        for (int i = 0; i < usable.size(); i++) {
            int cpu = usable.get(i);
            Observation seen = observations.get(i);
            assertThat(seen.result().pinned()).as("pinned to %d: %s", cpu, seen.result().detail()).isTrue();
            assertThat(seen.result().requestedCpu()).isEqualTo(cpu);
            assertThat(seen.result().grantedCpus()).containsExactly(cpu);
            assertThat(seen.result().detail()).isEqualTo("pinned to CPU " + cpu);
            assertThat(seen.runningOn()).as("sched_getcpu after pinning to %d", cpu).isEqualTo(cpu);
            if (seen.kernelMask() != null) {
                assertThat(seen.kernelMask()).as("/proc/thread-self/status").containsExactly(cpu);
            }
        }
    }

    @Test
    void refusesCpuThatDoesNotExistWithoutThrowing() throws Exception {
        List<Integer> before = onFreshThread(ThreadPinner::currentAffinity);

        PinResult result = onFreshThread(() -> ThreadPinner.pinCurrentThread(4095));

        assertThat(result.pinned()).isFalse();
        assertThat(result.requestedCpu()).isEqualTo(4095);
        assertThat(result.grantedCpus()).doesNotContain(4095).isEqualTo(before);
        assertThat(result.detail()).startsWith("could not pin to CPU 4095");
    }

    @Test
    void refusesOfflineCpuBelowTheMaskLimitWithoutThrowing() throws Exception {
        assumePinningWorksHere();
        List<Integer> online = CpuTopology.detect().onlineCpus();
        int absent = online.get(online.size() - 1) + 1;
        assumeThat(absent).as("an offline CPU number that fits the native mask").isLessThan(1024);

        PinResult result = onFreshThread(() -> ThreadPinner.pinCurrentThread(absent));

        assertThat(result.pinned()).isFalse();
        assertThat(result.grantedCpus()).doesNotContain(absent).isNotEmpty();
        assertThat(result.detail()).startsWith("could not pin to CPU " + absent + ": this process can only use CPUs "
                + CpuList.format(CpuTopology.detect().usableCpus()));
    }

    @Test
    void refusesNegativeCpu() throws Exception {
        PinResult result = onFreshThread(() -> ThreadPinner.pinCurrentThread(-1));

        assertThat(result.pinned()).isFalse();
        assertThat(result.detail()).isEqualTo("CPU -1 is not a CPU number");
    }

    @Test
    void warmUpCanBeRepeated() {
        ThreadPinner.warmUp();
        ThreadPinner.warmUp();

        assertThat(ThreadPinner.currentAffinity()).isNotNull();
    }
}
