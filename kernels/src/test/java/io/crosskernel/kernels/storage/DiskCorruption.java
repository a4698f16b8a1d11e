package io.crosskernel.kernels.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test-only: damages one stored value on disk, to show the engine detects it. */
final class DiskCorruption {
    private DiskCorruption() {
    }

    /** Flips one bit in the middle of the first occurrence of {@code pattern} in the log's .cq4 file. */
    static void flipBitInside(Path dir, byte[] pattern) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".cq4")).collect(Collectors.toList());
        }
        assertThat(files).hasSize(1);
        try (FileChannel ch = FileChannel.open(files.get(0), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long span = Math.min(ch.size(), 64L << 20);
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, span);
            int found = -1;
            for (int i = 0; i + pattern.length <= span && found < 0; i++) {
                int j = 0;
                while (j < pattern.length && map.get(i + j) == pattern[j]) {
                    j++;
                }
                if (j == pattern.length) {
                    found = i;
                }
            }
            assertThat(found).as("value pattern present on disk").isNotNegative();
            int at = found + pattern.length / 2;
            map.put(at, (byte) (map.get(at) ^ 0x10));
            map.force();
        }
    }
}
