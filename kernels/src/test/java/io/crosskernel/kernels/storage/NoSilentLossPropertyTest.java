package io.crosskernel.kernels.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.kernels.storage.LogFiles.HeaderDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 15, defect 1, as a property: whichever record's document header is damaged, and however, the log either
 * refuses to open (naming the file and the repair) or opens with every record readable, and then every record
 * appended after the damage is readable after the next open too. Never a silent loss.
 */
class NoSilentLossPropertyTest {
    @Property(tries = 60)
    void aDamagedHeaderNeverHidesARecord(@ForAll @IntRange(min = 2, max = 700) int records,
            @ForAll @IntRange(min = 0, max = 699) int damaged, @ForAll HeaderDamage damage,
            @ForAll @IntRange(min = 1, max = 40) int appendedAfter) throws IOException {
        int victim = damaged % records;
        Path dir = Files.createTempDirectory("xk-no-silent-loss");
        try {
            LogFiles.writeLog(dir, records);
            LogFiles.damageHeader(dir, victim, damage);
            Path file = LogFiles.cycleFile(dir);

            StorageEngine engine;
            try {
                engine = StorageEngine.open(LogConfig.of(dir));
            } catch (RuntimeException refused) {
                assertThat(refused.getMessage()).contains(file.getFileName().toString())
                        .contains("xk storage repair");
                return; // refused: nothing was appended where recovery cannot see it
            }
            try (StorageEngine opened = engine) {
                assertThat(LogFiles.readable(opened, 0, records)).as("records before and after the damage")
                        .isEqualTo(records);
                LogFiles.putRange(opened, records, records + appendedAfter);
            }
            try (StorageEngine reopened = StorageEngine.open(LogConfig.of(dir))) {
                assertThat(LogFiles.readable(reopened, 0, records + appendedAfter))
                        .as("every acknowledged record, those appended after the damage included")
                        .isEqualTo(records + appendedAfter);
            }
        } finally {
            LogFiles.deleteTree(dir);
        }
    }
}
