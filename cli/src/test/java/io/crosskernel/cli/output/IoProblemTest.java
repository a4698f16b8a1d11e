package io.crosskernel.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** I/O failures in the operating system's words, never a Java class name. */
class IoProblemTest {
    @Test
    void takesTheOperatingSystemsReasonWhereTheJdkGivesOne() {
        assertThat(IoProblem.reason(new FileSystemException("/d/r.json", null, "No space left on device")))
                .isEqualTo("no space left on device");
        assertThat(IoProblem.reason(new IOException("No space left on device"))).isEqualTo("no space left on device");
        assertThat(IoProblem.reason(new FileNotFoundException("/tmp/x (Is a directory)"))).isEqualTo("is a directory");
        assertThat(IoProblem.reason(new FileSystemException("/ro/x", null, "Read-only file system")))
                .isEqualTo("read-only file system");
    }

    @Test
    void namesTheReasonOfExceptionsThatCarryNone() {
        assertThat(IoProblem.reason(new NoSuchFileException("/proc/x.json"))).isEqualTo("no such file or directory");
        assertThat(IoProblem.reason(new AccessDeniedException("/root/x"))).isEqualTo("permission denied");
        assertThat(IoProblem.reason(new NotDirectoryException("/f"))).isEqualTo("not a directory");
        assertThat(IoProblem.reason(new IOException())).isEqualTo("input/output error");
    }

    @Test
    void neverPassesOnAClassName() {
        assertThat(IoProblem.reason(new IOException("java.nio.channels.ClosedChannelException")))
                .isEqualTo("input/output error");
        assertThat(IoProblem.reason(new UncheckedIOException(new NoSuchFileException("/x"))))
                .isEqualTo("no such file or directory");
        assertThat(IoProblem.sentence(new UncheckedIOException(new AccessDeniedException("/j/host"))))
                .isEqualTo("/j/host: permission denied");
    }

    @Test
    void aSentenceKeepsTheThrowersOwnMessageAndTheFile() {
        assertThat(IoProblem.sentence(new UncheckedIOException("cannot create journal directory /j/host",
                new FileSystemException("/j/host", null, "No space left on device"))))
                .isEqualTo("cannot create journal directory /j/host: no space left on device");
        assertThat(IoProblem.sentence(new FileSystemException("/a", "/b", "Is a directory")))
                .isEqualTo("/a -> /b: is a directory");
    }
}
