package io.crosskernel.kernels.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, so that a full disk in the test is a real full file system: writes fail with
 * ENOSPC and mapped writes into holes fault, as on a production disk. Mounting needs root (CI and the development
 * machines run tests as root); where it is not permitted, {@link #mount} returns empty and the test skips itself with
 * an assumption that says why.
 *
 * <p>Always close it (try-with-resources): {@link #close()} unmounts, lazily if something still holds a file open,
 * so a failing test never leaves a mount behind. Not thread-safe; one per test.
 */
public final class SmallFileSystem implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 20;

    private final Path root;

    private SmallFileSystem(Path root) {
        this.root = root;
    }

    /**
     * Mounts a tmpfs of {@code bytes} on {@code mountPoint} (created if absent).
     *
     * @return the mounted file system, or empty when mounting is not permitted here (not Linux, not root)
     */
    public static Optional<SmallFileSystem> mount(Path mountPoint, long bytes) throws IOException {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        Files.createDirectories(mountPoint);
        try {
            if (run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString()) != 0) {
                return Optional.empty();
            }
        } catch (IOException noMountCommand) {
            return Optional.empty();
        }
        return Optional.of(new SmallFileSystem(mountPoint));
    }

    /** Where the file system is mounted. */
    public Path root() {
        return root;
    }

    /** Grows (or shrinks) the file system in place, keeping its files: how a test "frees space" on the disk. */
    public void resize(long bytes) throws IOException {
        if (run("mount", "-o", "remount,size=" + bytes, root.toString()) != 0) {
            throw new IOException("could not resize the tmpfs on " + root);
        }
    }

    /** Fills the file system until fewer than {@code leaveFree} bytes are free, with a file called {@code name}. */
    public Path fill(String name, long leaveFree) throws IOException {
        Path filler = root.resolve(name);
        long usable = Files.getFileStore(root).getUsableSpace();
        long toWrite = Math.max(0, usable - leaveFree);
        byte[] block = new byte[64 << 10];
        java.util.Arrays.fill(block, (byte) 0x5A);
        try (var out = Files.newOutputStream(filler)) {
            for (long done = 0; done < toWrite; ) {
                int n = (int) Math.min(block.length, toWrite - done);
                out.write(block, 0, n);
                done += n;
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException {
        if (run("umount", root.toString()) != 0 && run("umount", "-l", root.toString()) != 0) {
            throw new IOException("could not unmount the tmpfs on " + root);
        }
    }

    private static int run(String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getInputStream().readAllBytes(); // drain, so a chatty command cannot block on a full pipe
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        } finally {
            p.getInputStream().close();
        }
    }
}
