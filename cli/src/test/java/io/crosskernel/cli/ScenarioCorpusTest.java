package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression corpus of bad scenario input (issue 13, item 9; issue 15's release after the end of the run): every
 * file under {@code src/test/resources/scenarios/corpus}, with what {@code xk validate} must print for it in
 * {@code expectations.txt} there, plus the inputs too big or too odd to keep as files (10 000 nested levels, more
 * than 1 MiB, UTF-16, {@code /dev/zero}, a directory), generated here. One test runs them all through {@code xk
 * validate}, in process, and checks the exit code, the one-line {@code error: file:line:column:} message or the
 * warnings, and that no Java exception or stack trace reaches the user.
 */
@Timeout(120)
class ScenarioCorpusTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "scenarios", "corpus");
    private static final Path GENERATED = Path.of("target", "scenario-corpus-generated");
    private static final String VALID = "host: {oversubscribe: true, housekeeping: false}\n"
            + "kernels: [{name: ingest, type: general, cores: [0]}]\n"
            + "workload: [{name: orders, stream: {rate: 1k/s}, kernel: ingest, cost: 1us}]\n";
    /** Longer than any message the reader writes; a message that echoes 100 000 characters is far beyond it. */
    private static final int MAX_MESSAGE = 700;
    /** A Java exception or error name ({@code NoSuchFileException}, {@code StackOverflowError}); not {@code onError}. */
    static final String JAVA_THROWABLE = "[A-Z][a-z]+(Exception|Error)\\b";

    /**
     * One input and what {@code xk validate} must print for it.
     *
     * @param position {@code line:column} of the error or warning, or {@code -} when nothing is printed
     * @param contains text the message must contain, or {@code -}
     * @param absent   text the message must not contain, or null
     */
    record Case(String name, Path file, int exit, String position, String contains, String absent) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        return Stream.concat(table().stream(), generated().stream());
    }

    private static List<Case> table() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expectations.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String file = cells[0].trim();
            cases.add(new Case(file, CORPUS.resolve(file), Integer.parseInt(cells[1].trim()), cells[2].trim(),
                    cells[3].trim(), cells.length > 4 ? cells[4].trim() : null));
        }
        return cases;
    }

    private static List<Case> generated() throws IOException {
        Files.createDirectories(GENERATED);
        List<Case> cases = new ArrayList<>();
        String nesting = "nest more than 64 levels deep here, the limit for a scenario";
        cases.add(generate("deep-flow-lists.yaml", "x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", 2,
                "1:67", nesting));
        cases.add(generate("deep-flow-mappings.yaml", "x: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000)
                + "\n", 2, "1:256", nesting));
        cases.add(generate("deep-block-lists.yaml", "x:\n  " + "- ".repeat(10_000) + "1\n", 2, "2:129", nesting));
        cases.add(generate("unclosed-brackets.yaml", "x: " + "[".repeat(10_000) + "\n", 2, "1:67", nesting));
        cases.add(generate("larger-than-1-mib.yaml", VALID + "#".repeat(1 << 20) + "\n", 2, "1:1",
                "the file is larger than 1 MiB, the limit for a scenario"));
        Path utf16 = GENERATED.resolve("utf-16-with-bom.yaml");
        Files.write(utf16, ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_16LE));
        cases.add(new Case(utf16.getFileName().toString(), utf16, 2, "1:1",
                "the file is UTF-16 text, not UTF-8 (save it as UTF-8)", "special characters"));
        Path utf16NoBom = GENERATED.resolve("utf-16-without-bom.yaml");
        Files.write(utf16NoBom, VALID.getBytes(StandardCharsets.UTF_16BE));
        cases.add(new Case(utf16NoBom.getFileName().toString(), utf16NoBom, 2, "1:1",
                "the file is UTF-16 text, not UTF-8 (save it as UTF-8)", "special characters"));
        cases.add(generate("name-of-100000-characters.yaml", VALID.replace("name: orders", "name: "
                + "o".repeat(100_000)), 2, "3:19", "… (100000 characters)' is longer than 64 characters"));
        cases.add(generate("key-of-100000-characters.yaml", VALID + "k".repeat(100_000) + ": 1\n", 2, "4:1",
                "this key is longer than 1024 characters"));
        Path directory = Files.createDirectories(GENERATED.resolve("a-directory.yaml"));
        cases.add(new Case("a directory", directory, 2, "1:1", "this is a directory, not a scenario file", "IO ("));
        cases.add(new Case("a missing file", GENERATED.resolve("missing.yaml"), 2, "1:1", "there is no such file",
                "NoSuchFile"));
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            cases.add(new Case("/dev/zero", zero, 2, "1:1", "larger than 1 MiB", null));
        }
        return cases;
    }

    private static Case generate(String name, String text, int exit, String position, String contains)
            throws IOException {
        Path file = GENERATED.resolve(name);
        Files.writeString(file, text);
        return new Case(name, file, exit, position, contains, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatePrintsOneClearLineOrTheWarnings(Case c) {
        XkConsole console = new XkConsole();

        int code = console.run("validate", c.file().toString());

        String err = console.err();
        assertThat(code).as(err).isEqualTo(c.exit());
        assertThat(err).doesNotContain("\tat ", "java.", "internal error")
                .doesNotContainPattern(JAVA_THROWABLE);
        if (c.exit() == Xk.BAD_INPUT) {
            assertThat(err.lines()).as(err).hasSize(1);
            assertThat(err).startsWith("error: " + c.file() + ":" + c.position() + ": ").contains(c.contains())
                    .hasSizeLessThan(MAX_MESSAGE);
        } else {
            assertThat(console.out()).contains("is valid");
            assertThat(err.lines()).allSatisfy(line -> assertThat(line).startsWith("warning: " + c.file() + ":"));
            if (c.position().equals("-")) {
                assertThat(err).as("no warning expected").isEmpty();
            } else {
                assertThat(err).contains("warning: " + c.file() + ":" + c.position() + ": " + c.contains());
            }
        }
        if (c.absent() != null) {
            assertThat(err).doesNotContain(c.absent());
        }
    }

    @Test
    void everyFileOfTheCorpusHasItsExpectation() throws IOException {
        List<String> listed = table().stream().map(Case::name).collect(Collectors.toList());
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")))
                    .hasSizeGreaterThanOrEqualTo(30)
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }
}
