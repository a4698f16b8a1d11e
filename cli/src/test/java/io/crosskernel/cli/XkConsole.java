package io.crosskernel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code xk} in-process and keeps what it printed. One per test; not thread-safe. */
final class XkConsole {
    private final boolean freshPerRun;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** Output accumulates over every run. */
    XkConsole() {
        this(false);
    }

    /** @param freshPerRun keep only the last run's output */
    XkConsole(boolean freshPerRun) {
        this.freshPerRun = freshPerRun;
    }

    /** @return xk's exit code */
    int run(String... args) {
        if (freshPerRun) {
            out = new StringWriter();
            err = new StringWriter();
        }
        return Xk.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
