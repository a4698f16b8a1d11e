package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.SimInputFiles;
import io.crosskernel.hypervisor.sim.Calibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code xk calibrate} writes a calibration file that {@code xk run --sim --calibration} reads. */
@Timeout(60)
class CalibrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesACalibrationFileTheSimulationReads() throws IOException {
        Path file = dir.resolve("machine.yaml");
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("calibrate", "--out", file.toString(), "--duration", "200ms")).as(xk.err()).isZero();
        assertThat(xk.out()).contains("calibration written to " + file);
        Calibration calibration = SimInputFiles.calibration(file, KernelTypes.load());
        assertThat(calibration.source()).isEqualTo(file.toString());
        assertThat(calibration.hop().median()).isPositive();
        assertThat(calibration.dutyCycleNanos()).isPositive();
        assertThat(calibration.idle().spinNanos()).isPositive();
        assertThat(calibration.idle().yieldNanos()).isPositive();
        // A park lasts at least what it asked: the overshoot is what the machine adds, never negative.
        assertThat(calibration.idle().parkOvershoot().median()).isNotNegative();
        assertThat(Files.readString(file)).startsWith("# xk calibrate: ").contains("hop: {p0: ").contains("idle: {spin: ");

        Path scenario = Files.writeString(dir.resolve("s.yaml"), "name: s\nduration: 100ms\nhost: {housekeeping: false}\n"
                + "kernels:\n  - {name: a, type: general, cores: [0]}\n  - {name: b, type: general, cores: [1]}\n"
                + "workload:\n  - name: w\n    stream: {rate: 1k/s}\n    stages: [{kernel: a, cost: 1us}, {kernel: b, cost: 1us}]\n");
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--calibration", file.toString()))
                .as(xk.err()).isZero();
        assertThat(xk.out()).contains("calibration: " + file);
    }

    @Test
    void aBadDurationIsBadInput() {
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("calibrate", "--out", dir.resolve("x.yaml").toString(), "--duration", "soon")).isEqualTo(2);
        assertThat(xk.err()).contains("--duration");
        assertThat(Files.exists(dir.resolve("x.yaml"))).isFalse();
    }
}
