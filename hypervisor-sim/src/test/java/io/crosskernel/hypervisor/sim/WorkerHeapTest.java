package io.crosskernel.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkerHeapTest {
    @Test
    void firstIsAlwaysTheLeastStartThenTheLeastIndexAsALinearScanFindsIt() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : new int[] {1, 2, 3, 7, 64, 257}) {
            WorkerHeap heap = new WorkerHeap(n);
            long[] keys = new long[n];
            Arrays.fill(keys, WorkerHeap.NEVER);
            for (int step = 0; step < 20_000; step++) {
                int w = random.nextInt(n);
                // Few distinct times, so that ties are common; now and then a worker goes to sleep.
                long key = random.nextInt(10) == 0 ? WorkerHeap.NEVER : random.nextInt(16);
                heap.update(w, key);
                keys[w] = key;
                int expected = 0;
                for (int i = 1; i < n; i++) {
                    if (keys[i] < keys[expected]) {
                        expected = i;
                    }
                }
                assertThat(heap.first()).as("n=%d step=%d", n, step).isEqualTo(expected);
                assertThat(heap.key(expected)).isEqualTo(keys[expected]);
            }
        }
    }

    @Test
    void anEmptyHeapHasNoFirst() {
        assertThat(new WorkerHeap(0).first()).isEqualTo(-1);
    }
}
