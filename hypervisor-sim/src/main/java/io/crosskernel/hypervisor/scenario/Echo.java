package io.crosskernel.hypervisor.scenario;

import java.util.Locale;

/**
 * How an error message repeats what the user wrote: visibly and briefly.
 *
 * <ul>
 *   <li>Characters a terminal would not show (control characters, format characters such as U+FEFF or U+200B,
 *       unusual spaces) are written as {@code <U+FEFF>}, so {@code 'dur<U+FEFF>ation'} does not look like a valid
 *       key.</li>
 *   <li>Text longer than {@value #MAX_ECHO} characters is cut, and the cut says how long the original was, so a
 *       100 000-character name gives a one-line message.</li>
 * </ul>
 *
 * <p>Threading: stateless, safe from any thread. Allocates; for error messages only.
 */
public final class Echo {
    /** Longest text echoed whole; longer text keeps its first {@value #KEPT} characters. */
    public static final int MAX_ECHO = 60;
    static final int KEPT = 40;
    /** Longest run of non-space characters {@link #clip} leaves whole: longer than any path or list we print. */
    static final int MAX_WORD = 200;

    private Echo() {
    }

    /** @return {@code text} in single quotes, made visible and cut to {@value #MAX_ECHO} characters */
    public static String quote(String text) {
        return "'" + visible(text) + "'";
    }

    /** @return {@code text} made visible and cut to {@value #MAX_ECHO} characters, without quotes */
    public static String visible(String text) {
        int length = text.codePointCount(0, text.length());
        if (length <= MAX_ECHO) {
            return escapeInvisible(text);
        }
        int end = text.offsetByCodePoints(0, KEPT);
        return escapeInvisible(text.substring(0, end)) + "… (" + length + " characters)";
    }

    /** @return {@code text} with every invisible character written as {@code <U+XXXX>}; nothing is cut */
    public static String escapeInvisible(String text) {
        if (text.codePoints().noneMatch(Echo::isInvisible)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (isInvisible(cp)) {
                out.append(codePoint(cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /**
     * The last line of defence for text that may hold user input nobody quoted (a kernel's message repeating a
     * setting): invisible characters are escaped and every run of more than {@value #MAX_WORD} non-space characters
     * is cut like {@link #visible}.
     */
    public static String clip(String message) {
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start < message.length()) {
            int space = message.indexOf(' ', start);
            int end = space < 0 ? message.length() : space;
            String word = message.substring(start, end);
            out.append(word.codePointCount(0, word.length()) > MAX_WORD ? visible(word) : escapeInvisible(word));
            if (space >= 0) {
                out.append(' ');
            }
            start = end + 1;
        }
        return out.toString();
    }

    /** @return the first invisible character of {@code text}, or -1 */
    public static int firstInvisible(String text) {
        return text.codePoints().filter(Echo::isInvisible).findFirst().orElse(-1);
    }

    /** {@code U+FEFF (zero width no-break space)}: how messages name a character. */
    public static String name(int codePoint) {
        String name = Character.getName(codePoint);
        return "U+" + hex(codePoint) + (name == null ? "" : " (" + name.toLowerCase(Locale.ROOT) + ")");
    }

    /** {@code <U+FEFF>}. */
    static String codePoint(int cp) {
        return "<U+" + hex(cp) + ">";
    }

    private static String hex(int cp) {
        return String.format(Locale.ROOT, "%04X", cp);
    }

    /**
     * True for characters that print as nothing or as something else: controls (tab and line breaks included: an
     * echoed value stays on one line), format characters (zero-width spaces and joiners, byte-order marks, bidi
     * controls), separators other than the plain space, private use, unassigned code points and lone surrogates.
     */
    static boolean isInvisible(int cp) {
        if (cp == ' ') {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }
}
