package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kernel process started by hand with wrong arguments, or on a directory that is not a run's, says so: exit 2. */
class KernelProcessMainTest {
    @TempDir
    Path dir;

    private static String stderrOf(Runnable run) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void refusesMissingArguments() {
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = KernelProcessMain.run(new String[] {"--kernel", "middle"}));

        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("--run-dir, --kernel, --seed, --pin and --host-pid are all required").contains("usage:");
    }

    @Test
    void refusesAHostPidThatIsNotAProcessId() {
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = KernelProcessMain.run(new String[] {"--run-dir", dir.toString(),
            "--kernel", "middle", "--seed", "1", "--pin", "true", "--host-pid", "0"}));

        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("--host-pid 0 is not a process id");
    }

    @Test
    void refusesADirectoryThatIsNotARunDirectory() {
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = KernelProcessMain.run(new String[] {"--run-dir", dir.toString(),
            "--kernel", "middle", "--seed", "1", "--pin", "true", "--host-pid", parentPid()}));

        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains(dir + " is not a crosskernel run directory");
    }

    /**
     * This JVM's parent, as the host pid: the kernel process's start-up watch ends a process whose parent is not its
     * host (halting it), and here the "kernel process" is the test's own JVM.
     */
    private static String parentPid() {
        return String.valueOf(ProcessHandle.current().parent().orElseThrow().pid());
    }
}
