package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random damage to the shipped examples never gets past {@code xk validate} as anything but a valid scenario (exit
 * 0, warnings only) or one clean line of bad input (exit 2, {@code error: file:line:column: ...}): no exception
 * escapes, no stack trace, no {@code internal error}, whatever is deleted, inserted, re-indented or cut.
 */
class ScenarioMutationPropertyTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** What users type by mistake, and what YAML treats specially. */
    private static final List<String> TOKENS = List.of("[", "]", "{", "}", ":", ": ", "- ", ",", "&a ", "*a", "!",
            "!!str ", "!include x", "%YAML 2.0\n", "---\n", "? ", "#", "\"", "'", "\t", "\n", "  ", "\u0000",
            "\uFEFF", "\u00e9", "\uD83D\uDE00", "0", "-1", "1.5", "99999999999999999999", "1G/s", "2G/s", "0s",
            "-5ms", "1e9", "true", "yes", "null", "~", "TCP", "EDF", "accounting", "x".repeat(300), "[".repeat(200),
            "name: x\n", "cores: [0, 0]", "kernel: nope", "deadline: 1ns", "split: 0", "dir: \"a\\0b\"");
    private static final Pattern ERROR_LINE = Pattern.compile("error: .+:[0-9]+:[0-9]+: .+");

    /** One edit of the text, placed at {@code where} (0..1 of its length). */
    record Mutation(int kind, double where, double span, String token) {
        String apply(String text) {
            int at = (int) (where * text.length());
            int end = Math.min(text.length(), at + 1 + (int) (span * 40));
            switch (kind) {
                case 0: // delete a few characters
                    return text.substring(0, at) + text.substring(end);
                case 1: // insert a token
                    return text.substring(0, at) + token + text.substring(at);
                case 2: // replace a few characters with a token
                    return text.substring(0, at) + token + text.substring(end);
                case 3: // cut the file short
                    return text.substring(0, at);
                default: { // re-indent one line by -2..+3 spaces
                    List<String> lines = new ArrayList<>(text.lines().collect(Collectors.toList()));
                    if (lines.isEmpty()) {
                        return text;
                    }
                    int line = Math.min(lines.size() - 1, (int) (where * lines.size()));
                    int shift = (int) (span * 6) - 2;
                    String l = lines.get(line);
                    lines.set(line, shift >= 0 ? " ".repeat(shift) + l : l.substring(Math.min(-shift,
                            l.length() - l.stripLeading().length())));
                    return String.join("\n", lines) + "\n";
                }
            }
        }
    }

    @Provide
    Arbitrary<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return Arbitraries.of(files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1), Arbitraries.of(TOKENS))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 300)
    void damagedExamplesAreValidOrOneCleanLineOfBadInput(@ForAll("examples") Path example,
            @ForAll("mutations") List<Mutation> mutations) throws IOException {
        String text = Files.readString(example);
        for (Mutation m : mutations) {
            text = m.apply(text);
        }
        Path file = Files.createTempFile("mutated-", ".yaml");
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            XkConsole console = new XkConsole();

            int code = console.run("validate", file.toString());

            String err = console.err();
            assertThat(code).as("%s%n--- input:%n%s", err, text).isIn(Xk.OK, Xk.BAD_INPUT);
            assertThat(err).as(text).doesNotContain("\tat ", "internal error")
                    .doesNotContainPattern(ScenarioCorpusTest.JAVA_THROWABLE);
            if (code == Xk.BAD_INPUT) {
                assertThat(err.lines()).as(text).singleElement().asString()
                        .startsWith("error: " + file + ":").matches(ERROR_LINE);
            } else {
                assertThat(err.lines()).as(text).allSatisfy(line -> assertThat(line)
                        .startsWith("warning: " + file + ":"));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
