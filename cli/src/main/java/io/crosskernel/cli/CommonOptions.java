package io.crosskernel.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces and more detail.")
    boolean verbose;
}
