package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.workload.Route;
import io.crosskernel.kernels.testsupport.TestKernelContext;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For any sequence of succeeding and failing tasks (every kind of throwable), run in batches of any size, every job
 * that ran is handed back exactly once and the pool ends as full as it started.
 */
class DispatcherCorePoolPropertyTest {
    /** What one task does. */
    enum Outcome { SUCCEED, CHECKED, RUNTIME, ERROR, OOM }

    @Provide
    Arbitrary<List<Outcome>> outcomes() {
        return Arbitraries.of(Outcome.class).list().ofMinSize(0).ofMaxSize(200);
    }

    @Property(tries = 200)
    void everyJobReturnsToThePoolExactlyOnce(@ForAll("outcomes") List<Outcome> outcomes,
            @ForAll @IntRange(min = 1, max = 16) int poolSize, @ForAll @IntRange(min = 1, max = 8) int batch) {
        Route route = route(0, stage(0));
        ManualClock clock = new ManualClock(0);
        TestKernelContext ctx = new TestKernelContext(0, "k0", 1, clock, List.of(route));
        JobPool pool = new JobPool(poolSize);
        JobQueue queue = new JobQueue();
        StageForwarder forwarder = new StageForwarder(ctx, 0, pool, queue::add);
        Map<Job, Integer> handedBack = new IdentityHashMap<>();
        int[] next = {0};
        TaskRunner runner = (job, group, start) -> {
            switch (outcomes.get((int) job.requestId)) {
                case CHECKED -> throw new IOException("checked");
                case RUNTIME -> throw new IllegalStateException("runtime");
                case ERROR -> throw new AssertionError("error");
                case OOM -> throw new OutOfMemoryError("oom");
                default -> { }
            }
        };
        JobSink done = job -> {
            handedBack.merge(job, 1, Integer::sum);
            forwarder.afterTask(job); // the pool throws on a second release of the same job
        };
        DispatcherCore core = new DispatcherCore(ctx, 0, runner, done, TaskFailurePolicy.standard(ctx, 0),
                new LocalStages(0, List.of(route)));

        int ran = 0;
        while (ran < outcomes.size()) {
            Job fresh;
            while (next[0] < outcomes.size() && (fresh = pool.acquire()) != null) {
                fresh.requestId = next[0]++;
                fresh.routeId = 0;
                fresh.stage = 0;
                fresh.group = 0;
                queue.add(fresh);
            }
            handedBack.clear();
            int before = queue.size();
            int now = core.runTasks(queue, batch);
            assertThat(now).isEqualTo(Math.min(batch, before));
            assertThat(handedBack).hasSize(now).allSatisfy((ranJob, times) -> assertThat(times).isEqualTo(1));
            ran += now;
        }

        long failures = outcomes.stream().filter(o -> o != Outcome.SUCCEED).count();
        long ordinaryFailures = outcomes.stream()
                .filter(o -> o != Outcome.SUCCEED && o != Outcome.OOM).count();
        assertThat(pool.free()).isEqualTo(poolSize);
        assertThat(ctx.metrics(0).tasksFailed.get()).isEqualTo(failures);
        assertThat(ctx.metrics(0).completed[0].get()).isEqualTo(outcomes.size() - failures);
        assertThat(ctx.errors()).hasSize((int) ordinaryFailures);
        assertThat(ctx.runFailures()).hasSize(outcomes.contains(Outcome.OOM) ? 1 : 0);
    }
}
