package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader's bounds ({@link ScenarioLimits}): oversized, endless, deeply nested, binary and wrongly encoded input
 * ends in one {@link ScenarioException} at the right place, never in an {@code Error}.
 */
@Timeout(30)
class ScenarioInputBoundsTest {
    private static final String VALID = "kernels: [{name: a, type: general, cores: [1]}]\n"
            + "workload: [{name: w, stream: {rate: 1k/s}, kernel: a}]\n";

    private final ScenarioParser parser = new ScenarioParser(TestKernelFactory.types());

    @TempDir
    Path dir;

    private ScenarioException reject(Path file) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parser.parse(file));
        assertThat(e).as("%s must be rejected", file).isNotNull();
        return e;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedNamingTheLimit() throws IOException {
        String padding = ("# " + "x".repeat(98) + "\n").repeat(ScenarioLimits.MAX_FILE_BYTES / 100);
        Path atLimit = write("at-limit.yaml", VALID + padding.substring(0, ScenarioLimits.MAX_FILE_BYTES
                - VALID.length()));
        Path above = write("above.yaml", VALID + padding + "#\n");

        assertThat(parser.parse(atLimit).name()).isEqualTo("at-limit");
        ScenarioException e = reject(above);
        assertThat(e.pos()).isEqualTo(new SourcePos(above, 1, 1));
        assertThat(e.problem()).isEqualTo("the file is larger than 1 MiB, the limit for a scenario");
        assertThat(e.hint()).contains("docs/SCENARIOS.md");
    }

    @Test
    void endlessInputStopsAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero on this machine");

        assertThat(reject(zero).problem()).contains("larger than 1 MiB");
    }

    @Test
    void textLongerThanTheLimitIsRefusedToo() {
        String text = VALID + "#".repeat(ScenarioLimits.MAX_FILE_BYTES);

        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parser.parse(text, null));

        assertThat(e.problem()).contains("longer than 1 MiB");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            flow lists      | 'x: ' | '['     | ']'  | 1:67
            flow mappings   | 'x: ' | '{a: '  | '}'  | 1:256
            block lists     | 'x:\\n  ' | '- ' | ''  | 2:129
            unclosed [      | 'x: ' | '['     | ''   | 1:67
            """)
    void tenThousandNestedLevelsAreRefusedAtTheFirstLevelTooDeep(String kind, String head, String open,
            String close, String lineColumn) throws IOException {
        String text = head.replace("\\n", "\n") + open.repeat(10_000) + "1" + close.repeat(10_000) + "\n";
        Path file = write("deep.yaml", text);

        ScenarioException e = reject(file);

        assertThat(e.pos().line() + ":" + e.pos().column()).as(e.getMessage()).isEqualTo(lineColumn);
        assertThat(e.problem()).isEqualTo("lists and mappings nest more than 64 levels deep here, the limit for a"
                + " scenario");
    }

    @Test
    void nestingUpToTheLimitIsLeftToTheOtherChecks() throws IOException {
        String text = VALID + "description: " + "[".repeat(ScenarioLimits.MAX_NESTING_DEPTH - 1) + "1"
                + "]".repeat(ScenarioLimits.MAX_NESTING_DEPTH - 1) + "\n";

        assertThat(reject(write("deep-ok.yaml", text)).problem()).startsWith("'description' must be a single value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"UTF-16LE, true, UTF-16", "UTF-16BE, true, UTF-16", "UTF-16LE, false, UTF-16",
            "UTF-16BE, false, UTF-16", "UTF-32LE, false, UTF-32", "UTF-32BE, true, UTF-32"})
    void wideEncodingsAreNamedAndTheFixIsToSaveAsUtf8(String charset, boolean bom, String named)
            throws IOException {
        Path file = write("wide.yaml", ((bom ? "\uFEFF" : "") + VALID).getBytes(charset));

        ScenarioException e = reject(file);

        assertThat(e.pos()).isEqualTo(new SourcePos(file, 1, 1));
        assertThat(e.problem()).isEqualTo("the file is " + named + " text, not UTF-8");
        assertThat(e.hint()).isEqualTo("save it as UTF-8");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws IOException {
        assertThat(parser.parse(write("bom.yaml", "\uFEFF" + VALID)).kernels()).hasSize(1);
    }

    @Test
    void aNulCharacterIsNamedAtItsOwnPosition() throws IOException {
        Path file = write("nul.yaml", VALID + "name: a\u0000b\n");

        ScenarioException e = reject(file);

        assertThat(e.pos()).isEqualTo(new SourcePos(file, 3, 8));
        assertThat(e.problem()).isEqualTo("the file contains the character U+0000 (null), which YAML does not allow");
        assertThat(e.hint()).contains("save it as UTF-8");
    }

    @Test
    void otherControlCharactersAreNamedToo() throws IOException {
        Path file = write("bell.yaml", "name: x\u0007\n" + VALID);

        ScenarioException e = reject(file);

        assertThat(e.pos()).isEqualTo(new SourcePos(file, 1, 8));
        assertThat(e.problem()).contains("U+0007 (bel)");
    }

    @Test
    void aDirectoryOrAMissingFileIsSaidInWordsWithoutJavaNames() throws IOException {
        ScenarioException directory = reject(dir);
        ScenarioException missing = reject(dir.resolve("nope.yaml"));

        assertThat(directory.problem()).isEqualTo("this is a directory, not a scenario file");
        assertThat(missing.problem()).isEqualTo("there is no such file");
        assertThat(directory.getMessage() + missing.getMessage()).doesNotContain("Exception", "NoSuchFile",
                "IO (");
    }

    @Test
    void aHundredThousandCharacterNameIsRefusedAndEchoedShort() throws IOException {
        Path file = write("long.yaml", VALID.replace("name: w", "name: " + "w".repeat(100_000)));

        ScenarioException e = reject(file);

        assertThat(e.pos()).isEqualTo(new SourcePos(file, 2, 19));
        assertThat(e.problem()).startsWith("the workload name 'www").endsWith("… (100000 characters)' is longer"
                + " than 64 characters");
        assertThat(e.getMessage()).hasSizeLessThan(300);
    }

    @Test
    void aKeyLongerThanYamlReadsIsSaidSo() throws IOException {
        Path file = write("long-key.yaml", VALID + "k".repeat(100_000) + ": 1\n");

        ScenarioException e = reject(file);

        assertThat(e.pos()).isEqualTo(new SourcePos(file, 3, 1));
        assertThat(e.problem()).isEqualTo("this key is longer than 1024 characters, the most YAML reads as a key");
    }

    @Test
    void anUnknownKeyOfAHundredThousandCharactersIsEchoedShort() throws IOException {
        // '?' marks an explicit key, which YAML reads at any length.
        Path file = write("long-key.yaml", VALID + "? " + "k".repeat(100_000) + "\n: 1\n");

        ScenarioException e = reject(file);

        assertThat(e.problem()).startsWith("unknown key 'kkk").contains("… (100000 characters)");
        assertThat(e.getMessage()).hasSizeLessThan(400);
    }
}
