package io.crosskernel.kernels.general;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.kernels.common.Job;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FairShareRunQueueTest {
    private static Job job(int group) {
        Job job = new Job();
        job.group = group;
        return job;
    }

    /** Keeps every group backlogged, runs {@code picks} equal-cost tasks and returns how many each group ran. */
    private static long[] runBacklogged(FairShareRunQueue queue, int picks, long cost) {
        long[] ran = new long[queue.groupCount()];
        // Two jobs per group: the one that just ran goes back behind the other, so no group is ever empty.
        for (int g = 0; g < queue.groupCount(); g++) {
            queue.enqueue(job(g));
            queue.enqueue(job(g));
        }
        for (int i = 0; i < picks; i++) {
            int g = queue.pickGroup();
            Job job = queue.poll(g);
            queue.charge(g, cost);
            ran[g]++;
            queue.enqueue(job);
        }
        return ran;
    }

    @Property(tries = 200)
    void backloggedGroupsGetSharesProportionalToTheirWeights(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 20) Integer> weightList,
            @ForAll @IntRange(min = 1, max = 100_000) int cost) {
        int[] weights = weightList.stream().mapToInt(Integer::intValue).toArray();
        int totalWeight = weightList.stream().mapToInt(Integer::intValue).sum();
        int picks = 200 * totalWeight;
        long[] ran = runBacklogged(new FairShareRunQueue(weights), picks, cost);

        for (int g = 0; g < weights.length; g++) {
            double expected = (double) picks * weights[g] / totalWeight;
            // Virtual-runtime scheduling keeps every group within about one task of its exact share.
            assertThat((double) ran[g]).as("group %d of weights %s", g, weightList)
                    .isBetween(expected - 2, expected + 2);
        }
    }

    @Test
    void groupWakingAfterIdleStartsAtTheSmallestRunnableVirtualRuntime() {
        FairShareRunQueue queue = new FairShareRunQueue(new int[] {1, 1});
        queue.enqueue(job(0));
        for (int i = 0; i < 100; i++) {
            int g = queue.pickGroup();
            assertThat(g).isZero();
            queue.charge(g, 1_000);
            queue.enqueue(queue.poll(g));
        }

        queue.enqueue(job(1));

        assertThat(queue.vruntime(1)).isEqualTo(queue.vruntime(0));
    }

    @Test
    void groupWakingWhenNothingIsRunnableDoesNotGoBackInTime() {
        FairShareRunQueue queue = new FairShareRunQueue(new int[] {1, 1});
        queue.enqueue(job(0));
        for (int i = 0; i < 10; i++) {
            int g = queue.pickGroup();
            queue.charge(g, 1_000);
            if (i < 9) {
                queue.enqueue(queue.poll(g));
            } else {
                queue.poll(g);
            }
        }
        assertThat(queue.size()).isZero();
        long floor = queue.vruntime(0) - 1_000 * FairShareRunQueue.NICE_0_WEIGHT;

        queue.enqueue(job(1));

        assertThat(queue.vruntime(1)).isGreaterThanOrEqualTo(floor);
    }

    @Test
    void eachGroupIsFirstInFirstOut() {
        FairShareRunQueue queue = new FairShareRunQueue(new int[] {1});
        Job a = job(0);
        Job b = job(0);
        Job c = job(0);
        queue.enqueue(a);
        queue.enqueue(b);
        queue.enqueue(c);
        assertThat(queue.poll(queue.pickGroup())).isSameAs(a);
        assertThat(queue.poll(queue.pickGroup())).isSameAs(b);
        assertThat(queue.poll(queue.pickGroup())).isSameAs(c);
        assertThat(queue.pickGroup()).isEqualTo(-1);
    }

    @Test
    void rejectsWeightBelowOne() {
        assertThatThrownBy(() -> new FairShareRunQueue(new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
