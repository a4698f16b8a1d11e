package io.crosskernel.hypervisor.scenario;

/**
 * Explains the YAML reader's indentation errors in terms of the file's own keys. The reader says
 * {@code expected <block end>, but found '?'} (a key indented less than its siblings) or
 * {@code mapping values are not allowed here} (a key indented more than the line above, so that it continues that
 * line's value); this finds the keys involved and says which is indented how far.
 *
 * <p>Lines are the file's lines ({@link TextPosition#lines}), numbered from 1.
 *
 * <p>Threading: stateless, safe from any thread.
 */
final class Indentation {
    /**
     * What is wrong, in the file's terms.
     *
     * @param column the 1-based column of the key or list item at fault
     */
    record Explanation(int column, String problem, String hint) {
    }

    private Indentation() {
    }

    /**
     * A line that starts a key or list item at {@code column} (0-based) and is indented less than the line above it.
     *
     * @param line 1-based
     * @return the explanation, or null when the lines do not look like that
     */
    static Explanation lessThanAbove(String[] lines, int line, int column) {
        String here = line(lines, line);
        if (column >= here.length() || indent(here) != column) {
            return null;
        }
        Line above = lineAbove(lines, line);
        if (above == null || above.indent() <= column) {
            return null;
        }
        String problem = what(here) + " is indented " + spaces(column) + ", less than " + what(above.text())
                + " on line " + above.number() + " (" + spaces(above.indent()) + "), and lines up with nothing above"
                + " it";
        String hint = "the keys of one mapping, and the items of one list, line up: give " + what(here) + " "
                + spaces(above.indent()) + " to keep it beside " + what(above.text()) + ", or line it up with a key"
                + " further left";
        return new Explanation(column + 1, problem, hint);
    }

    /**
     * A {@code key:} whose colon is at {@code column} (0-based) on a line indented more than the {@code key: value}
     * line above it, which YAML reads as more of that value.
     *
     * @return the explanation, or null when the lines do not look like that
     */
    static Explanation moreThanAbove(String[] lines, int line, int column) {
        String here = line(lines, line);
        int indent = indent(here);
        if (column >= here.length() || here.indexOf(':', indent) != column) {
            return null;
        }
        Line above = lineAbove(lines, line);
        if (above == null || above.indent() >= indent) {
            return null;
        }
        int colon = above.text().indexOf(": ", above.indent());
        if (colon < 0 || above.text().substring(colon + 1).isBlank()) {
            return null;
        }
        String problem = what(here) + " is indented " + spaces(indent) + ", more than " + what(above.text())
                + " on line " + above.number() + " (" + spaces(above.indent()) + "), so YAML reads it as part of"
                + " that line's value";
        String hint = "give " + what(here) + " " + spaces(above.indent()) + " to make it a key beside "
                + what(above.text()) + "; a mapping under " + what(above.text()) + " starts on the line after a"
                + " bare '" + key(above.text()) + ":'";
        return new Explanation(indent + 1, problem, hint);
    }

    /** @return line {@code line} (from 1), or "" past the end */
    private static String line(String[] lines, int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    /** {@code key 'onError'} or {@code the list item '- {kernel: b}'}. */
    private static String what(String line) {
        String content = line.strip();
        if (content.startsWith("- ") || content.equals("-")) {
            return "the list item " + Echo.quote(content);
        }
        return "key " + Echo.quote(key(line));
    }

    private static String key(String line) {
        String content = line.strip();
        int colon = content.indexOf(':');
        return colon < 0 ? content : content.substring(0, colon).strip();
    }

    private static String spaces(int n) {
        return n == 1 ? "1 space" : n + " spaces";
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** A line of the file: its 1-based number, its text and how many spaces start it. */
    private record Line(int number, String text, int indent) {
    }

    /** @return the nearest line above {@code line} that holds more than blanks or a comment, or null */
    private static Line lineAbove(String[] lines, int line) {
        for (int l = Math.min(line, lines.length + 1) - 1; l >= 1; l--) {
            String text = line(lines, l);
            String content = text.strip();
            if (!content.isEmpty() && !content.startsWith("#")) {
                return new Line(l, text, indent(text));
            }
        }
        return null;
    }
}
