package io.crosskernel.cli.sweep;

import io.crosskernel.hypervisor.scenario.ValueKind;
import java.util.List;

/**
 * A whole sweep: the key, how its values were spaced, and each scenario's points. Nothing in it depends on the wall
 * clock or the output directory, so a simulated sweep's {@code sweep.json} is byte-identical run after run.
 * Immutable.
 *
 * @param key       the key's canonical path, e.g. {@code workload.orders.stream.rate}
 * @param range     the {@code FROM..TO:POINTS} as given
 * @param kind      the key's notation
 * @param spacing   {@code linear} or {@code log}
 * @param mode      {@code real} or {@code simulated}
 * @param seed      the {@code --seed} given, or null (each scenario's own)
 * @param duration  the {@code --duration} given, or null (each scenario's own)
 * @param xAxis     what the chart's x axis shows ({@link XAxis})
 * @param curves    the scenario, then the {@code --against} one
 */
public record SweepResult(String key, String range, ValueKind kind, String spacing, String mode, Long seed,
        String duration, XAxis xAxis, List<ScenarioCurve> curves) {
    /** The format's version: MAJOR.MINOR as the run report's (docs/SWEEPS.md). */
    public static final String SCHEMA_VERSION = "1.0";

    public SweepResult {
        curves = List.copyOf(curves);
    }

    /** The same sweep with {@code curve} in place of the one at {@code index}. */
    public SweepResult with(int index, ScenarioCurve curve) {
        List<ScenarioCurve> updated = new java.util.ArrayList<>(curves);
        updated.set(index, curve);
        return new SweepResult(key, range, kind, spacing, mode, seed, duration, xAxis, updated);
    }
}
