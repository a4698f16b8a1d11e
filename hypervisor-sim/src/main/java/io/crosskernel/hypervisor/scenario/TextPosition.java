package io.crosskernel.hypervisor.scenario;

import java.nio.file.Path;

/**
 * Line and column of a place in a scenario's text, counted the way the YAML reader counts them (from 1; line breaks
 * are LF, CR LF or CR; columns in code points), for problems found outside the YAML reader.
 *
 * <p>Threading: stateless, safe from any thread.
 */
final class TextPosition {
    private TextPosition() {
    }

    /** @return the position of the character at {@code index} (a {@code char} index into {@code text}) */
    static SourcePos of(Path file, String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePos(file, line, text.codePointCount(lineStart, index) + 1);
    }

    /** @return the lines of {@code text} without their line breaks; line n is element n - 1 */
    static String[] lines(String text) {
        return text.split("\r\n|\r|\n", -1);
    }
}
