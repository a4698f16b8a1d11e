package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.cli.html.SweepPage;
import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.cli.output.OutputPathException;
import io.crosskernel.cli.output.OutputPreflight;
import io.crosskernel.cli.output.PlannedOutput;
import io.crosskernel.cli.plugins.KernelPlugins;
import io.crosskernel.cli.plugins.PluginOptions;
import io.crosskernel.cli.sweep.OfferedLoad;
import io.crosskernel.cli.sweep.PointResult;
import io.crosskernel.cli.sweep.PointStatus;
import io.crosskernel.cli.sweep.ReportFigures;
import io.crosskernel.cli.sweep.ScenarioCurve;
import io.crosskernel.cli.sweep.SweepJson;
import io.crosskernel.cli.sweep.SweepRange;
import io.crosskernel.cli.sweep.SweepResult;
import io.crosskernel.cli.sweep.XAxis;
import io.crosskernel.hypervisor.scenario.Echo;
import io.crosskernel.hypervisor.scenario.KeyOverride;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.scenario.ScenarioKey;
import io.crosskernel.hypervisor.scenario.ScenarioKeys;
import io.crosskernel.hypervisor.scenario.ValueKind;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xk sweep SCENARIO --set PATH=FROM..TO:POINTS}: runs the scenario once per value of one numeric key, as
 * {@code xk run --set PATH=VALUE} each time, and writes the latency-load curve: a table, {@code sweep.json} and
 * {@code sweep.html} (docs/SWEEPS.md).
 *
 * <p>Everything that can be checked is checked before the first point runs (exit 2): the key exists in each scenario
 * and is numeric, the range, the output directory, and every point's scenario (a value the scenario refuses, say a
 * task set admission rejects, is recorded as a refused point, unless every value is refused). Points run one after
 * another (a real run needs the cores), the scenario's and the {@code --against} one's interleaved: real points each
 * in a JVM of their own ({@link ChildProcessPoints}), simulated ones in this JVM ({@link InProcessPoints}). A point
 * that fails is recorded with its status and the sweep goes on; a signal stops the sweep after the point it
 * interrupted. {@code sweep.json} and {@code sweep.html} are rewritten after every point.
 *
 * <p>Exit codes: 0 every point ran to its report (whatever its expectations said: the table shows each), 2 bad
 * input, 3 a point failed or timed out, 130/143 a signal stopped the sweep. The command's thread only.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Runs a scenario over a range of one numeric key and writes the latency-load curve: a table, "
                + "sweep.json and a self-contained sweep.html.")
final class SweepCommand implements Callable<Integer> {
    static final String JSON_FILE = "sweep.json";
    static final String HTML_FILE = "sweep.html";
    static final String POINTS_DIR = "points";
    /** Above the run's own length: JVM start-up, boot, a 1 GiB heap touched up front, the reports. */
    private static final long POINT_SLACK_NANOS = 120_000_000_000L;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario YAML file.")
    Path scenarioFile;

    @Option(names = "--set", required = true, paramLabel = "PATH=FROM..TO:POINTS",
            description = "The key to sweep and its range in the key's own notation, e.g. "
                    + "orders.stream.rate=10k..100k:10 or control.cost=20us..200us:10 (POINTS >= 2, spaced "
                    + "linearly, FROM and TO included).")
    String set;

    @Option(names = "--log", description = "Space the points by equal ratios instead of equal steps (FROM > 0).")
    boolean log;

    @Option(names = "--against", paramLabel = "OTHER", description = "Also sweep OTHER.yaml with the same key and "
            + "values, interleaved with SCENARIO point by point, on the same charts (dashed).")
    Path against;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write sweep.json, sweep.html and each "
            + "point's report and log (new or empty; default xk-sweep/<scenario>-<yyyyMMdd-HHmmss>).")
    Path out;

    @Option(names = "--sim", description = "Simulate every point (xk run --sim): virtual time, in this JVM, "
            + "byte-identical sweep.json for the same inputs.")
    boolean sim;

    @Mixin
    SimInputOptions simInputs;

    @Option(names = "--seed", paramLabel = "N", description = "Every point's seed (xk run --seed).")
    Long seed;

    @Option(names = "--duration", paramLabel = "D", description = "Every point's duration (xk run --duration).")
    String duration;

    @Mixin
    PluginOptions plugins;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Seam for tests: how real points run. */
    PointRunner realRunner = new ChildProcessPoints();

    @Override
    public Integer call() throws IOException {
        try (KernelPlugins kernelTypes = plugins.load()) {
            return sweep(new ScenarioLoader(kernelTypes.types()));
        }
    }

    private int sweep(ScenarioLoader loader) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        int equals = set.indexOf('=');
        if (equals <= 0) {
            throw new BadInputException("--set " + set + ": write PATH=FROM..TO:POINTS, for example --set "
                    + "orders.stream.rate=10k..100k:10");
        }
        String path = set.substring(0, equals).strip();
        String rangeText = set.substring(equals + 1).strip();
        Long durationNanos = durationNanos();
        simInputs.checkApplies(sim);
        if (sim) {
            // Read once before any point runs: a malformed file is one error, not one failed point per value.
            simInputs.calibration(loader.types());
            simInputs.noise();
        }

        loader.parse(scenarioFile, seed, List.of()); // the file itself first: its own errors come before the key's
        ScenarioKey key = numericKey(scenarioFile, path);
        SweepRange range;
        try {
            range = SweepRange.parse(rangeText, key.text(), log);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--set " + path + "=" + rangeText + ": " + e.getMessage());
        }
        List<Planned> plans = new ArrayList<>();
        plans.add(plan(loader, scenarioFile, key, range, false, durationNanos));
        if (against != null) {
            loader.parse(against, seed, List.of());
            ScenarioKey other = numericKey(against, path);
            if (!range.kind().reads(other.text())) {
                throw new ScenarioException(other.pos(), "'" + other.path() + "' is " + Echo.quote(other.text())
                        + " here but " + range.kind().described() + " in " + scenarioFile, "sweep a key both"
                        + " scenarios write in the same notation");
            }
            plans.add(plan(loader, against, other, range, true, durationNanos));
        }

        Path dir = out != null ? out : Path.of("xk-sweep", fileSafe(plans.get(0).scenarioName) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        prepare(dir);
        SweepResult result = new SweepResult(key.path(), rangeText, range.kind(), log ? "log" : "linear",
                sim ? "simulated" : "real", seed, duration, XAxis.choose(plans.get(0).curve.points()),
                plans.stream().map(p -> p.curve).toList());
        write(result, dir);
        stdout.println("sweep: " + key.path() + " over " + String.join(", ", range.values()) + " ("
                + range.values().size() + " points" + (plans.size() > 1 ? " x 2 scenarios" : "") + ", "
                + (sim ? "simulated in this JVM" : "each a real run in a JVM of its own") + "); writing " + dir);
        stdout.flush();

        PointRunner runner = sim ? new InProcessPoints() : realRunner;
        int total = range.values().size() * plans.size();
        int done = 0;
        int signalled = -1;
        for (int i = 0; i < range.values().size() && signalled < 0; i++) {
            for (int s = 0; s < plans.size() && signalled < 0; s++) {
                Planned plan = plans.get(s);
                PointResult point = runPoint(plan, i, key, dir, runner);
                result = result.with(s, result.curves().get(s).with(point));
                write(result, dir);
                done++;
                stdout.println("[" + done + "/" + total + "] " + plan.scenarioName + " " + key.path() + "="
                        + point.value() + ": " + point.status().alias() + (point.exitCode() >= 0 ? " (exit "
                        + point.exitCode() + ")" : "") + (point.problem() == null ? "" : ": " + point.problem()));
                stdout.flush();
                if (point.status() == PointStatus.INTERRUPTED) {
                    signalled = point.exitCode();
                }
            }
        }
        stdout.println();
        stdout.print(SweepTable.render(result));
        stdout.println();
        stdout.println("sweep written to " + dir.resolve(JSON_FILE) + " and " + dir.resolve(HTML_FILE));
        stdout.flush();
        return exitCode(result, signalled);
    }

    /** 130/143 after a signal; 3 when a point failed or timed out; 0 otherwise. */
    static int exitCode(SweepResult result, int signalled) {
        if (signalled > 0) {
            return signalled;
        }
        for (ScenarioCurve curve : result.curves()) {
            for (PointResult point : curve.points()) {
                if (point.status() == PointStatus.FAILED || point.status() == PointStatus.TIMED_OUT) {
                    return Xk.RUNTIME_FAILURE;
                }
            }
        }
        return Xk.OK;
    }

    /** The key, which must be written in {@code file} as a number, a duration, a rate or a size. */
    private static ScenarioKey numericKey(Path file, String path) {
        ScenarioKey key = ScenarioKeys.find(file, path);
        if (ValueKind.of(key.text()) == null) {
            List<String> numeric = new ArrayList<>();
            String parent = key.path().contains(".") ? key.path().substring(0, key.path().lastIndexOf('.')) : "";
            for (ScenarioKey candidate : ScenarioKeys.values(file)) {
                if (ValueKind.of(candidate.text()) != null && candidate.path().startsWith(parent)) {
                    numeric.add(candidate.path());
                }
            }
            throw new ScenarioException(key.pos(), "'" + key.path() + "' is " + Echo.quote(key.text()) + ", not a"
                    + " number: a sweep varies a number, a duration (50us), a rate (10k/s) or a size (4KiB)",
                    numeric.isEmpty() ? "choose a numeric key" : "numeric keys near it: "
                            + String.join(", ", numeric.subList(0, Math.min(6, numeric.size()))));
        }
        return key;
    }

    /**
     * Reads the scenario with each value: its offered load, or why it is refused. Every value refused is bad input
     * (the scenario or the range is wrong, not one point); the first refusal is the message.
     */
    private Planned plan(ScenarioLoader loader, Path file, ScenarioKey key, SweepRange range, boolean isAgainst,
            Long durationNanos) {
        List<PointResult> points = new ArrayList<>();
        List<Long> limits = new ArrayList<>();
        List<Map<String, Double>> offered = new ArrayList<>();
        String name = null;
        List<String> workloads = List.of();
        ScenarioException firstRefusal = null;
        for (int i = 0; i < range.values().size(); i++) {
            String value = range.values().get(i);
            double base = range.base().get(i);
            try {
                Scenario scenario = loader.load(file, seed, sim, List.of(new KeyOverride(key.path(), value)))
                        .scenario();
                if (durationNanos != null) {
                    scenario = scenario.withDuration(durationNanos);
                }
                OfferedLoad load = OfferedLoad.of(scenario);
                name = scenario.name();
                workloads = scenario.workloads().stream().map(WorkloadDecl::name).toList();
                limits.add(scenario.warmupNanos() + scenario.durationNanos() + scenario.host().drainTimeoutNanos()
                        + POINT_SLACK_NANOS);
                offered.add(load.perWorkload());
                points.add(new PointResult(i, value, base, load.perSecond(), load.utilisation(), PointStatus.PENDING,
                        -1, null, null, List.of()));
            } catch (ScenarioException e) {
                if (firstRefusal == null) {
                    firstRefusal = e;
                }
                limits.add(0L);
                offered.add(Map.of());
                points.add(new PointResult(i, value, base, 0, 0, PointStatus.REFUSED, Xk.BAD_INPUT, null,
                        e.getMessage(), List.of()));
            }
        }
        if (name == null) {
            throw new ScenarioException(firstRefusal.pos(), "with --set " + key.path() + "=" + range.values().get(0)
                    + " (and every other value of the range): " + firstRefusal.problem(), firstRefusal.hint());
        }
        return new Planned(file, name, new ScenarioCurve(name, file.toString(), isAgainst, workloads, points),
                limits, offered);
    }

    /** Runs point {@code i} of {@code plan} (unless it was refused) and reads its report. */
    private PointResult runPoint(Planned plan, int i, ScenarioKey key, Path dir, PointRunner runner)
            throws IOException {
        PointResult point = plan.curve.points().get(i);
        if (point.status() == PointStatus.REFUSED) {
            return point;
        }
        String stem = String.format(Locale.ROOT, "%s%s-%02d", fileSafe(plan.scenarioName),
                plan.curve.against() ? "-against" : "", i);
        String report = POINTS_DIR + "/" + stem + ".json";
        List<String> args = new ArrayList<>(List.of(plan.file.toString(), "--set", key.path() + "=" + point.value(),
                "--quiet", "--progress", "plain", "--json-report", dir.resolve(report).toString()));
        if (sim) {
            args.add("--sim");
            args.addAll(simInputs.arguments());
        }
        if (seed != null) {
            args.addAll(List.of("--seed", seed.toString()));
        }
        if (duration != null) {
            args.addAll(List.of("--duration", duration));
        }
        if (plugins.dir() != null) {
            args.addAll(List.of("--plugins", plugins.dir().toString()));
        }
        int exit = runner.run(args, dir.resolve(POINTS_DIR).resolve(stem + ".log"), plan.limits.get(i));
        if (exit == PointRunner.TIMED_OUT) {
            return point.ran(PointStatus.TIMED_OUT, -1, null, "did not end within "
                    + Units.formatNanos(plan.limits.get(i)) + "; see " + POINTS_DIR + "/" + stem + ".log", List.of());
        }
        PointStatus status = PointStatus.ofExitCode(exit);
        Path reportFile = dir.resolve(report);
        if (!Files.isRegularFile(reportFile)) {
            return point.ran(status == PointStatus.INTERRUPTED ? status : PointStatus.FAILED, exit, null,
                    "no report; see " + POINTS_DIR + "/" + stem + ".log", List.of());
        }
        try {
            return point.ran(status, exit, report, status == PointStatus.FAILED ? "see " + POINTS_DIR + "/" + stem
                    + ".log" : null, ReportFigures.read(reportFile, plan.offered.get(i)));
        } catch (IOException e) {
            return point.ran(PointStatus.FAILED, exit, report, "the report cannot be read: " + e.getMessage(),
                    List.of());
        }
    }

    private Long durationNanos() {
        return duration == null ? null : RunCommand.positiveDuration("--duration", duration);
    }

    /** Checks the output directory like every output of {@code xk run}, then creates it: new or empty only. */
    private void prepare(Path dir) throws IOException {
        List<OutputPreflight.NamedInput> inputs = new ArrayList<>();
        inputs.add(new OutputPreflight.NamedInput("the scenario file", scenarioFile));
        if (against != null) {
            inputs.add(new OutputPreflight.NamedInput("the --against scenario file", against));
        }
        OutputPreflight.check(List.of(PlannedOutput.reportDirectory("--out", "the sweep", dir, 0)), inputs);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new OutputPathException("--out " + dir + ": is not empty; give a new or empty directory,"
                            + " so no earlier sweep's points are mixed with this one's");
                }
            }
        }
        Files.createDirectories(dir.resolve(POINTS_DIR));
    }

    private static void write(SweepResult result, Path dir) {
        AtomicFile.writeString("the sweep's JSON", dir.resolve(JSON_FILE), SweepJson.render(result));
        SweepPage.write(result, dir.resolve(HTML_FILE));
    }

    /** A scenario name as a file name: letters, digits, '-', '_' and '.', the rest '_'. */
    static String fileSafe(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    /**
     * One scenario ready to sweep: its file, name, points (refused ones marked), each point's time limit and the
     * rate each workload offers at each point.
     */
    private record Planned(Path file, String scenarioName, ScenarioCurve curve, List<Long> limits,
            List<Map<String, Double>> offered) {
    }
}
