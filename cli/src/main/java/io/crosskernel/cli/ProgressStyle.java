package io.crosskernel.cli;

import java.util.Locale;

/** How {@code xk run} shows live progress: redrawn in place on a terminal, or plain lines for logs and pipes. */
enum ProgressStyle {
    /** A small table redrawn in place with ANSI cursor movement. */
    ANSI,
    /** One line per refresh, nothing rewritten: for files, pipes, CI logs and dumb terminals. */
    PLAIN;

    /**
     * The style for {@code --progress MODE}: {@code ansi} and {@code plain} force one, {@code auto} picks ANSI only
     * when stdout is a terminal that understands it.
     *
     * @param interactive whether stdout is a console ({@code System.console() != null})
     * @param term        the {@code TERM} environment variable, or null
     */
    static ProgressStyle choose(String mode, boolean interactive, String term) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "ansi":
                return ANSI;
            case "plain":
                return PLAIN;
            case "auto":
                return interactive && term != null && !term.isBlank() && !term.equals("dumb") ? ANSI : PLAIN;
            default:
                throw new BadInputException("--progress must be auto, ansi or plain, got '" + mode + "'");
        }
    }
}
