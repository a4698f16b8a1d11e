package io.crosskernel.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports are written whole or not at all, and a failure names the file in plain words. */
class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFileCreatingItsDirectoriesAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a/b/report.json");

        AtomicFile.writeString("the JSON report", target, "{\"ok\": true}\n");

        assertThat(target).hasContent("{\"ok\": true}");
        assertThat(names(target.getParent())).containsExactly("report.json");
    }

    @Test
    void replacesAnExistingFileWithTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("report.html"), "old");
        Path plain = Files.createFile(dir.resolve("plain")); // what the umask gives a new file here

        AtomicFile.write("the HTML report", target, out -> out.write("new".getBytes()));

        assertThat(target).hasContent("new");
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
        assertThat(permissions).isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(permissions).contains(PosixFilePermission.OTHERS_READ); // not createTempFile's 0600
    }

    @Test
    void writesThroughASymbolicLinkAndKeepsTheLink() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), real);

        AtomicFile.writeString("the JSON report", link, "new");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
    }

    /**
     * A stub of a full disk: the content fails the way the JDK reports ENOSPC on a write (the mounted tmpfs version
     * below does it for real; this one runs everywhere).
     */
    @Test
    void aFailedWriteKeepsTheOldFileRemovesTheTemporaryOneAndSaysWhyInPlainWords() throws IOException {
        Path target = Files.writeString(dir.resolve("report.json"), "the previous report");

        assertThatThrownBy(() -> AtomicFile.write("the JSON report", target, out -> {
            out.write("{\"half\": ".getBytes());
            throw new FileSystemException(null, null, "No space left on device");
        })).isInstanceOf(OutputFailedException.class)
                .hasMessage("cannot write the JSON report " + target + ": no space left on device");

        assertThat(target).hasContent("the previous report");
        assertThat(names(dir)).containsExactly("report.json");
    }

    @Test
    void onAReallyFullDiskNoPartOfTheReportIsLeft() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("full"), "64k", false)) {
            disk.leaveFree(8192);
            Path target = disk.directory().resolve("report.html");
            String big = "<p>" + "x".repeat(200_000) + "</p>\n";

            assertThatThrownBy(() -> AtomicFile.writeString("the HTML report", target, big))
                    .isInstanceOf(OutputFailedException.class)
                    .hasMessage("cannot write the HTML report " + target + ": no space left on device")
                    .message().doesNotContain("Exception");

            assertThat(target).doesNotExist();
            assertThat(names(disk.directory())).containsExactly("filler-8192");
            assertThat(disk.usableSpace()).isEqualTo(8192);
        }
    }

    @Test
    void aReadOnlyFileSystemIsSaidSo() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("ro"), "64k", true)) {
            Path target = disk.directory().resolve("run.jfr");

            assertThatThrownBy(() -> AtomicFile.writeFile("the JFR recording", target, temporary -> {
            })).isInstanceOf(OutputFailedException.class)
                    .hasMessage("cannot write the JFR recording " + target + ": read-only file system");
        }
    }

    private static java.util.List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
