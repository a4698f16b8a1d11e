package io.crosskernel.bench.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Copies a child JVM's output (standard output and error merged) to this JVM's standard output, a line at a time,
 * each under a prefix. Not inherited: a JVM that is itself a test fork (surefire) owns its standard output as a
 * channel to its parent.
 *
 * <p>Threading: {@link #copy} starts one daemon thread per child, which ends when the child's output does.
 */
final class ChildOutput {
    private ChildOutput() {
    }

    /**
     * @param readyLine a line that counts {@code ready} down when the child prints it (both null: none)
     * @return the copying thread, started
     */
    static Thread copy(Process child, String name, String prefix, String readyLine, CountDownLatch ready) {
        Thread copier = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println(prefix + line);
                    if (ready != null && line.equals(readyLine)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                System.out.println(prefix + "(output of the child JVM lost: " + e.getMessage() + ")");
            }
        }, name);
        copier.setDaemon(true);
        copier.start();
        return copier;
    }
}
