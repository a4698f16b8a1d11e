package io.crosskernel.cli.output;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A real tmpfs mounted on a test's directory, for full-disk and read-only tests: small enough to fill in a moment.
 * Needs root (or CAP_SYS_ADMIN); where mounting is not permitted, {@link #mount} skips the test with an assumption
 * rather than faking a file system. Always {@link #close()} it in a finally (try-with-resources): that unmounts.
 *
 * <p>Not thread-safe; one test's.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path directory;

    private TmpfsMount(Path directory) {
        this.directory = directory;
    }

    /**
     * Mounts a tmpfs of {@code size} (as mount(8) takes it: {@code 64k}, {@code 2m}) on {@code directory}, created when
     * missing, read-only when asked.
     */
    public static TmpfsMount mount(Path directory, String size, boolean readOnly) throws IOException,
            InterruptedException {
        Files.createDirectories(directory);
        String options = "size=" + size + (readOnly ? ",ro" : "");
        String result = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory.toString());
        assumeThat(result).as("mounting a tmpfs is not permitted here (needs root): the test needs a real full or "
                + "read-only file system").isEmpty();
        return new TmpfsMount(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Fills the file system until the kernel says it is full: 0 bytes free. */
    public void fill() throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(directory.resolve("filler"), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (Files.getFileStore(directory).getUsableSpace() != 0) {
                throw full; // some other failure
            }
        }
    }

    /** Fills the file system until {@code bytes} (a multiple of the 4 KiB page) are left free. */
    public void leaveFree(long bytes) throws IOException {
        long toFill = Files.getFileStore(directory).getUsableSpace() - bytes;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(directory.resolve("filler-" + bytes),
                StandardOpenOption.CREATE_NEW)) {
            for (long written = 0; written < toFill; written += block.length) {
                out.write(block);
            }
        }
    }

    /** Makes the mounted file system read-only, keeping what was written on it. */
    public void remountReadOnly() throws IOException, InterruptedException {
        String result = run("mount", "-o", "remount,ro", directory.toString());
        if (!result.isEmpty()) {
            throw new IOException("could not remount " + directory + " read-only: " + result);
        }
    }

    public long usableSpace() throws IOException {
        return Files.getFileStore(directory).getUsableSpace();
    }

    /** Unmounts (lazily, should a file still be open), leaving the empty directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        String result = run("umount", "-l", directory.toString());
        if (!result.isEmpty()) {
            throw new IOException("could not unmount " + directory + ": " + result);
        }
    }

    /** @return "" on success, else what the command printed and its exit code */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return command[0] + " is not available: " + e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return command[0] + " did not finish";
        }
        return process.exitValue() == 0 ? "" : output + " (exit " + process.exitValue() + ")";
    }
}
