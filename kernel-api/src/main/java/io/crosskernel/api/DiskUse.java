package io.crosskernel.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a kernel will write to disk during a run, said before it boots: the directory and about how many bytes. The
 * CLI checks each directory (it can be written, nothing else writes there) and its file system's free space before
 * the run, and refuses a run whose durable files would land on a full file system.
 *
 * <p>Immutable.
 *
 * @param what          what is written, for messages: {@code the storage log of kernel 'store'}
 * @param setting       where the directory comes from, for messages: {@code kernel 'store' dir}
 * @param directory     the directory the kernel writes its files into (created by the kernel when missing)
 * @param expectedBytes an estimate of the bytes the run adds there, fixed file overhead included; see the factory's
 *                      documentation for how it is made
 */
public record DiskUse(String what, String setting, Path directory, long expectedBytes) {
    public DiskUse {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(directory, "directory");
        if (expectedBytes < 0) {
            throw new IllegalArgumentException("expected bytes must not be negative, got " + expectedBytes);
        }
    }
}
