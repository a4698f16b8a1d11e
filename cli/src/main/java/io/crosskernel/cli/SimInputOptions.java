package io.crosskernel.cli;

import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.SimInputFiles;
import io.crosskernel.hypervisor.sim.Calibration;
import io.crosskernel.hypervisor.sim.NoiseModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The simulation's input files, for {@code xk run} and {@code xk sweep}: {@code --calibration} and {@code --noise}.
 * Either without {@code --sim} is bad input; a malformed file is bad input at its {@code file:line:column}.
 */
final class SimInputOptions {
    @Option(names = "--calibration", paramLabel = "FILE", description = "With --sim: what the simulation charges "
            + "for the runtime's own work (hop latency, duty cycle, per-message work, idle wake-up, kernels' real "
            + "work; docs/SIMULATION.md); default: figures measured by this project's benchmarks.")
    Path calibrationFile;

    @Option(names = "--noise", paramLabel = "FILE", description = "With --sim: replay the hiccups of a noisy "
            + "machine on every virtual core (docs/SIMULATION.md); default: quiet cores.")
    Path noiseFile;

    /** Refuses either file on a run that is not simulated. */
    void checkApplies(boolean sim) {
        if (!sim) {
            if (calibrationFile != null) {
                throw new BadInputException("--calibration only applies to a simulated run: add --sim");
            }
            if (noiseFile != null) {
                throw new BadInputException("--noise only applies to a simulated run: add --sim");
            }
        }
    }

    /** The calibration file's figures, or the defaults. */
    Calibration calibration(KernelTypes types) {
        return calibrationFile == null ? Calibration.defaults() : SimInputFiles.calibration(calibrationFile, types);
    }

    /** The noise file's model, or null for quiet cores. */
    NoiseModel noise() {
        return noiseFile == null ? null : SimInputFiles.noise(noiseFile);
    }

    /** The same options for another {@code xk run}. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (calibrationFile != null) {
            args.addAll(List.of("--calibration", calibrationFile.toString()));
        }
        if (noiseFile != null) {
            args.addAll(List.of("--noise", noiseFile.toString()));
        }
        return args;
    }
}
