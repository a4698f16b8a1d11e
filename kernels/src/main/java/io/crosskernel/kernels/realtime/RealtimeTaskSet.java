package io.crosskernel.kernels.realtime;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The real-time task set a scenario gives one realtime kernel: every route stage that runs on the kernel is one
 * {@link RtTask}, plus the bookkeeping that maps requests to tasks.
 *
 * <ul>
 *   <li>First stage of a {@code periodic} workload: a periodic task, T = the period, offset as written, C = the
 *       stage's cost, D = the workload's deadline (which defaults to T).</li>
 *   <li>First stage of a constant-rate stream: a sporadic task whose minimum inter-arrival time is the stream's
 *       period.</li>
 *   <li>First stage of a Poisson, burst or ingress workload, or a stage reached by a channel message: a sporadic task
 *       whose minimum inter-arrival time comes from the kernel's {@code sporadic} setting; without it the set is
 *       refused, naming the workload and the setting to add.</li>
 *   <li>A stage that follows another stage on this kernel inherits that stage's minimum inter-arrival time (it is
 *       released when the previous stage finishes).</li>
 * </ul>
 * An entry of {@code sporadic} for a workload overrides the inter-arrival time its schedule implies (never a periodic
 * workload's period). A sporadic task's D is the workload's deadline if set, else its minimum inter-arrival time.
 * A stage whose op is not {@code spin} is refused: the kernel only runs CPU work of known cost.
 *
 * <p>Immutable after construction; built on the host thread (it allocates). The same rules run at admission (from the
 * scenario's sources) and at boot (from the kernel's context), so the kernel runs exactly the set that was admitted.
 */
public final class RealtimeTaskSet {
    private final List<RtTask> tasks;
    private final int[][] taskOf;
    private final int[] routeOf;
    private final int[] stageOf;
    private final long[] failEvery;

    private RealtimeTaskSet(List<RtTask> tasks, int[][] taskOf, int[] routeOf, int[] stageOf, long[] failEvery) {
        this.tasks = List.copyOf(tasks);
        this.taskOf = taskOf;
        this.routeOf = routeOf;
        this.stageOf = stageOf;
        this.failEvery = failEvery;
    }

    /**
     * The task set of kernel {@code kernelId} from every source of the run (admission: each source carries its route
     * and a prototype schedule, which is only inspected, never advanced).
     *
     * @throws AdmissionException if a stage cannot be a real-time task (op, missing inter-arrival time)
     */
    public static RealtimeTaskSet fromSources(String kernelName, int kernelId, List<Source> sources,
            RealtimeSettings settings) {
        List<Route> routes = new ArrayList<>();
        Map<Integer, ArrivalSchedule> schedules = new HashMap<>();
        for (Source source : sources) {
            routes.add(source.route());
            schedules.put(source.route().id(), source.schedule());
        }
        return build(kernelName, kernelId, routes, schedules, settings);
    }

    /**
     * The task set of kernel {@code kernelId} from every route of the run and the sources whose first stage runs on
     * it (boot: a kernel's context holds exactly these).
     *
     * @throws AdmissionException as {@link #fromSources}
     */
    public static RealtimeTaskSet fromRoutes(String kernelName, int kernelId, List<Route> routes,
            List<Source> ownSources, RealtimeSettings settings) {
        Map<Integer, ArrivalSchedule> schedules = new HashMap<>();
        for (Source source : ownSources) {
            schedules.put(source.route().id(), source.schedule());
        }
        return build(kernelName, kernelId, routes, schedules, settings);
    }

    private static RealtimeTaskSet build(String kernelName, int kernelId, List<Route> routes,
            Map<Integer, ArrivalSchedule> schedules, RealtimeSettings settings) {
        int routeBound = 0;
        for (Route route : routes) {
            routeBound = Math.max(routeBound, route.id() + 1);
        }
        int[][] taskOf = new int[routeBound][];
        List<RtTask> tasks = new ArrayList<>();
        List<int[]> placement = new ArrayList<>();
        List<Long> failEvery = new ArrayList<>();
        TreeSet<String> unusedSporadic = new TreeSet<>(settings.sporadicNanos().keySet());
        TreeSet<String> workloadsHere = new TreeSet<>();
        for (Route route : routes) {
            int[] map = new int[route.stages().size()];
            Arrays.fill(map, -1);
            taskOf[route.id()] = map;
            long here = route.stages().stream().filter(s -> s.runsOn(kernelId)).count();
            for (int s = 0; s < route.stages().size(); s++) {
                Stage stage = route.stage(s);
                if (!stage.runsOn(kernelId)) {
                    continue;
                }
                workloadsHere.add(route.name());
                String name = here == 1 ? route.name() : route.name() + "#" + s;
                if (stage.op() != StageOp.SPIN) {
                    throw new AdmissionException("stage " + s + " of workload '" + route.name() + "' asks for op '"
                            + stage.op() + "', which the realtime kernel does not run: it only runs 'spin' stages"
                            + " (CPU work of a known cost); move the stage to a storage kernel", route.id(), s);
                }
                long cost = Math.max(1, stage.costNanos());
                long sporadicSetting = settings.sporadicNanosOf(route.name());
                RtTask task;
                if (s == 0 && route.kind().equals("periodic")
                        && schedules.get(route.id()) instanceof ConstantRateSchedule periodic) {
                    long period = periodic.periodNanos();
                    long deadline = route.deadlineNanos() > 0 ? route.deadlineNanos() : period;
                    task = new RtTask(name, period, cost, deadline, periodic.offsetNanos(), false);
                } else {
                    long minInterArrival;
                    if (sporadicSetting > 0) {
                        minInterArrival = sporadicSetting;
                        unusedSporadic.remove(route.name());
                    } else if (s == 0 && schedules.get(route.id()) instanceof ConstantRateSchedule constant) {
                        minInterArrival = constant.periodNanos();
                    } else if (s > 0 && route.stage(s - 1).runsOn(kernelId)) {
                        minInterArrival = tasks.get(taskOf[route.id()][s - 1]).periodNanos();
                    } else {
                        throw new AdmissionException(missingInterArrival(kernelName, route, s,
                                schedules.get(route.id())), route.id(), s);
                    }
                    long deadline = route.deadlineNanos() > 0 ? route.deadlineNanos() : minInterArrival;
                    task = RtTask.sporadic(name, minInterArrival, cost, deadline);
                }
                map[s] = tasks.size();
                tasks.add(task);
                placement.add(new int[] {route.id(), s});
                failEvery.add(stage.failEvery());
            }
        }
        unusedSporadic.removeIf(workloadsHere::contains);
        if (!unusedSporadic.isEmpty()) {
            throw new AdmissionException("the setting 'sporadic' of kernel '" + kernelName + "' names "
                    + unusedSporadic + ", which " + (unusedSporadic.size() == 1 ? "has" : "have")
                    + " no stage on this kernel; workloads with stages here: " + workloadsHere);
        }
        int n = tasks.size();
        int[] routeOf = new int[n];
        int[] stageOf = new int[n];
        long[] fail = new long[n];
        for (int i = 0; i < n; i++) {
            routeOf[i] = placement.get(i)[0];
            stageOf[i] = placement.get(i)[1];
            fail[i] = failEvery.get(i);
        }
        return new RealtimeTaskSet(tasks, taskOf, routeOf, stageOf, fail);
    }

    private static String missingInterArrival(String kernelName, Route route, int stage, ArrivalSchedule schedule) {
        String how = stage == 0
                ? "its first stage runs here and its schedule (" + (schedule == null ? route.kind()
                : schedule.describe()) + ") sets no minimum inter-arrival time"
                : "stage " + stage + " runs here and is reached by a channel message";
        return "workload '" + route.name() + "' reaches realtime kernel '" + kernelName + "' as sporadic jobs: "
                + how + "; add one to the kernel's settings, for example 'sporadic: \"" + route.name()
                + "=1ms\"' (admission then assumes, and the kernel enforces, at most one job per that interval)";
    }

    /** The tasks, in route then stage order. */
    public List<RtTask> tasks() {
        return tasks;
    }

    public int size() {
        return tasks.size();
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** The task running stage {@code stage} of route {@code routeId}, or -1 if that stage does not run here. */
    public int taskOf(int routeId, int stage) {
        if (routeId < 0 || routeId >= taskOf.length || taskOf[routeId] == null || stage < 0
                || stage >= taskOf[routeId].length) {
            return -1;
        }
        return taskOf[routeId][stage];
    }

    /** The route whose stage task {@code task} runs. */
    public int routeOf(int task) {
        return routeOf[task];
    }

    /** The stage (index on its route) task {@code task} runs. */
    public int stageOf(int task) {
        return stageOf[task];
    }

    /** Fault injection of task {@code task}'s stage: every n-th job throws; 0 never. */
    public long failEvery(int task) {
        return failEvery[task];
    }

    /** A short description for messages: {@code 'control' (T=1ms C=50us D=1ms)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (RtTask t : tasks) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(t.describe());
        }
        return sb.isEmpty() ? "no tasks" : sb.toString();
    }
}
