package io.crosskernel.kernels.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPoolTest {
    @Test
    void handsOutEachJobOnceUntilExhausted() {
        JobPool pool = new JobPool(16);
        IdentityHashMap<Job, Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < 16; i++) {
            assertThat(seen.put(pool.acquire(), Boolean.TRUE)).isNull();
        }
        assertThat(pool.acquire()).isNull();
        assertThat(pool.inUse()).isEqualTo(16);
        assertThat(pool.free()).isZero();
    }

    @Test
    void releasedJobsCanBeTakenAgain() {
        JobPool pool = new JobPool(2);
        Job a = pool.acquire();
        Job b = pool.acquire();
        pool.release(a);
        assertThat(pool.acquire()).isSameAs(a);
        pool.release(b);
        assertThat(pool.free()).isEqualTo(1);
    }

    @Test
    void releasingTwiceIsABookkeepingErrorCaughtAtOnce() {
        JobPool pool = new JobPool(2);
        Job a = pool.acquire();
        pool.release(a);
        assertThatThrownBy(() -> pool.release(a)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released twice");
    }

    @Test
    void jobQueueIsFifoAndUnlinksPolledJobs() {
        JobPool pool = new JobPool(8);
        JobQueue queue = new JobQueue();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Job job = pool.acquire();
            job.requestId = i;
            jobs.add(job);
            queue.add(job);
        }
        assertThat(queue.size()).isEqualTo(5);
        assertThat(queue.peek()).isSameAs(jobs.get(0));
        for (int i = 0; i < 5; i++) {
            Job job = queue.poll();
            assertThat(job).isSameAs(jobs.get(i));
            assertThat(job.next).isNull();
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();
        queue.add(jobs.get(3));
        assertThat(queue.poll()).isSameAs(jobs.get(3));
    }
}
