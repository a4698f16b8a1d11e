package io.crosskernel.cli.html;

/**
 * A tiny writer of XML-compatible markup (the HTML report and its inline SVG): every text and attribute value goes
 * through {@link #escape(String)}, so scenario names and other user input cannot break out of the document.
 *
 * <p>Not thread-safe: one writer per document, used by one thread.
 */
final class Markup {
    private final StringBuilder out = new StringBuilder(4096);

    /** Escapes text for an element body or a double-quoted attribute value (XML's five special characters). */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            // Control characters other than tab and newline are not allowed in XML 1.0 at all.
            if (replacement == null && c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                replacement = "\uFFFD";
            }
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** Opens {@code <tag name="value" ...>}; {@code attributes} are name, value pairs (a null value is left out). */
    Markup open(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** A self-closed element, {@code <tag .../>}. */
    Markup empty(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    /** An element holding only (escaped) text. */
    Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    Markup text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Markup built by another {@code Markup} (already escaped). */
    Markup raw(String markup) {
        out.append(markup);
        return this;
    }

    Markup newline() {
        out.append('\n');
        return this;
    }

    private void attributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
