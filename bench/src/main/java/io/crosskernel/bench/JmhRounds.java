package io.crosskernel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a JMH benchmark in rounds, each candidate bracketed by runs of its baseline: in every round and group the
 * sequence is baseline, candidate, baseline, next candidate, baseline, …, each run a fork of its own, the candidates'
 * order rotated from round to round. JMH alone runs all forks of one parameter value, then all of the next, minutes
 * apart.
 *
 * <p>Why: on this project's shared 2-vCPU VM the same ping-pong takes 120 ns for a while, then 500 ns (the host moves
 * the vCPUs between physical cores), and the switch can come between two forks seconds apart. A ratio is only taken
 * from a candidate and the two baseline runs around it, and only when those two agree ({@link Bracket#settled}); a
 * bracket whose baselines disagree saw the machine change in the middle and is left out (and counted).
 *
 * <p>Threading: a command-line helper; {@link #run} blocks its caller.
 */
final class JmhRounds {
    /** One fork's result: the round it belongs to, its parameters, and JMH's result. */
    record Run(int round, Map<String, String> params, RunResult result) {
    }

    /**
     * A candidate's run with the baseline runs just before and just after it.
     *
     * @param settledWithin two baseline runs further apart than this (relative to the smaller) mean the machine
     *                      changed in between
     */
    record Bracket(Run candidate, Run before, Run after, double settledWithin) {
        /** @return true when the two baseline runs agree on {@code figure} within {@link #settledWithin} */
        boolean settled(ToDoubleFunction<RunResult> figure) {
            double a = figure.applyAsDouble(before.result());
            double b = figure.applyAsDouble(after.result());
            return a > 0 && b > 0 && Math.abs(a - b) <= settledWithin * Math.min(a, b);
        }

        /** {@code figure} of the candidate over the mean of the baselines' */
        double ratio(ToDoubleFunction<RunResult> figure) {
            double base = (figure.applyAsDouble(before.result()) + figure.applyAsDouble(after.result())) / 2;
            return figure.applyAsDouble(candidate.result()) / base;
        }
    }

    /**
     * A candidate's ratio to its baseline: over the brackets that settled, or, when none did, the median of all the
     * candidate's runs over the median of all the baseline's (the brackets interleave them in time, so both sample the
     * same mix of machine states; a rougher figure, marked as such).
     */
    record Ratio(Spread spread, boolean fromBrackets) {
        static Ratio of(Result result, Map<String, String> candidate, Map<String, String> baseline,
                ToDoubleFunction<RunResult> figure, ToDoubleFunction<RunResult> settledBy) {
            List<Double> ratios = new ArrayList<>();
            for (Bracket b : result.bracketsOf(candidate)) {
                if (b.settled(settledBy)) {
                    ratios.add(b.ratio(figure));
                }
            }
            if (!ratios.isEmpty()) {
                return new Ratio(Spread.of(ratios.stream().mapToDouble(Double::doubleValue).toArray()), true);
            }
            double mine = Spread.of(figures(result.runsOf(candidate), figure)).median();
            double base = Spread.of(figures(result.runsOf(baseline), figure)).median();
            return new Ratio(Spread.of(new double[] {mine / base}), false);
        }

        /** The baseline's own ratio. */
        static Ratio one() {
            return new Ratio(Spread.of(new double[] {1}), true);
        }

        double median() {
            return spread.median();
        }

        /** {@code 1.12x [1.05-1.30]}, or {@code 1.12x*} when taken from the medians of all runs. */
        String text() {
            return spread.ratioText() + (fromBrackets ? "" : "*");
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = spread.toJson();
            json.put("from", fromBrackets ? "settled brackets" : "medians of all runs (no bracket settled)");
            return json;
        }
    }

    /** {@code figure} of each run. */
    static double[] figures(List<Run> runs, ToDoubleFunction<RunResult> figure) {
        double[] out = new double[runs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = figure.applyAsDouble(runs.get(i).result());
        }
        return out;
    }

    /** The cells measured against one baseline: parameter name to value for each. */
    record Group(Map<String, String> baseline, List<Map<String, String>> candidates) {
    }

    /** Everything that ran: every run in order, and every candidate's bracket. */
    record Result(List<Run> runs, List<Bracket> brackets) {
        /** @return the runs whose parameters include all of {@code params} */
        List<Run> runsOf(Map<String, String> params) {
            List<Run> out = new ArrayList<>();
            for (Run run : runs) {
                if (run.params().entrySet().containsAll(params.entrySet())) {
                    out.add(run);
                }
            }
            return out;
        }

        /** @return the brackets of the candidate whose parameters include all of {@code params} */
        List<Bracket> bracketsOf(Map<String, String> params) {
            List<Bracket> out = new ArrayList<>();
            for (Bracket b : brackets) {
                if (b.candidate().params().entrySet().containsAll(params.entrySet())) {
                    out.add(b);
                }
            }
            return out;
        }
    }

    private JmhRounds() {
    }

    /**
     * @param gc       add JMH's GC profiler (allocation per operation)
     * @param progress told after every run, on the calling thread
     */
    static Result run(Profile profile, Class<?> benchmark, List<Group> groups, boolean gc, Consumer<Run> progress)
            throws RunnerException {
        List<Run> runs = new ArrayList<>();
        List<Bracket> brackets = new ArrayList<>();
        for (int round = 0; round < profile.rounds(); round++) {
            for (Group group : groups) {
                Run before = once(profile, benchmark, group.baseline(), round, gc, runs, progress);
                List<Map<String, String>> candidates = group.candidates();
                for (int i = 0; i < candidates.size(); i++) {
                    Map<String, String> cell = candidates.get((i + round) % candidates.size());
                    Run candidate = once(profile, benchmark, cell, round, gc, runs, progress);
                    Run after = once(profile, benchmark, group.baseline(), round, gc, runs, progress);
                    brackets.add(new Bracket(candidate, before, after, profile.settledWithin()));
                    before = after;
                }
            }
        }
        return new Result(runs, brackets);
    }

    private static Run once(Profile profile, Class<?> benchmark, Map<String, String> cell, int round, boolean gc,
            List<Run> runs, Consumer<Run> progress) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(profile.jmhForks())
                .warmupIterations(profile.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(profile.jmhIterationMillis()))
                .measurementIterations(profile.jmhIterations())
                .measurementTime(TimeValue.milliseconds(profile.jmhIterationMillis()))
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        cell.forEach(options::param);
        if (gc) {
            options.addProfiler(GCProfiler.class);
        }
        RunResult result = null;
        for (RunResult r : new Runner(options.build()).run()) {
            result = r;
        }
        if (result == null) {
            throw new RunnerException("JMH ran nothing for " + benchmark.getSimpleName() + " " + cell);
        }
        Run run = new Run(round, cell, result);
        runs.add(run);
        progress.accept(run);
        return run;
    }
}
