package io.crosskernel.hypervisor.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crosskernel.hypervisor.topology.CpuList;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JvmThreadConfinerTest {
    @Test
    void movesUnpinnedThreadsAndLeavesPinnedOnesWhereTheyAre() throws Exception {
        CpuTopology topology = CpuTopology.detect();
        List<Integer> all = topology.allowedCpus();
        assumeTrue(ThreadPinner.isSupported() && all.size() >= 2 && Files.isDirectory(Path.of("/proc/self/task")),
                "needs Linux affinity and two CPUs");
        int first = all.get(0);
        int last = all.get(all.size() - 1);
        AtomicInteger unpinnedTid = new AtomicInteger();
        AtomicInteger pinnedTid = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        Thread unpinned = new Thread(() -> {
            unpinnedTid.set(net.openhft.affinity.Affinity.getThreadId());
            ready.countDown();
            await(done);
        });
        Thread pinned = new Thread(() -> {
            ThreadPinner.pinCurrentThread(last);
            pinnedTid.set(net.openhft.affinity.Affinity.getThreadId());
            ready.countDown();
            await(done);
        });
        unpinned.start();
        pinned.start();
        try {
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();

            JvmThreadConfiner.Result result = JvmThreadConfiner.confineUnpinnedThreads(all, List.of(first));

            assertThat(result.moved()).isPositive();
            assertThat(allowedOf(unpinnedTid.get())).containsExactly(first);
            assertThat(allowedOf(pinnedTid.get())).containsExactly(last);
        } finally {
            // Give every thread of this test JVM its whole set back.
            JvmThreadConfiner.confineUnpinnedThreads(List.of(first), all);
            done.countDown();
            unpinned.join();
            pinned.join();
        }
        assertThat(allowedOf((int) net.openhft.affinity.Affinity.getThreadId())).isEqualTo(all);
    }

    private static List<Integer> allowedOf(int tid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/task/" + tid + "/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return CpuList.parse(line.substring("Cpus_allowed_list:".length()).trim());
            }
        }
        throw new AssertionError("no Cpus_allowed_list for " + tid);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
