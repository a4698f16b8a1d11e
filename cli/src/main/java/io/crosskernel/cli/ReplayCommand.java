package io.crosskernel.cli;

import io.crosskernel.hypervisor.journal.Journal;
import io.crosskernel.hypervisor.journal.Replay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xk replay}: rebuilds a journaled run's state from its journal alone and checks it against the final state
 * the run recorded; with {@code --at}/{@code --at-seq}, shows the state at that moment.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Rebuilds a journaled run's state (channel counters, in-flight messages, hop latencies, "
                + "kernel message counts, storage index) from its journal and checks it against the final state "
                + "recorded at the end of the run. Exit 0: matches (or the run was cut short, interrupted or failed, "
                + "or --at); 3: does not match, or the journal is damaged (replayed up to the damage); 2: not a "
                + "journal or a bad option.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory (xk run --journal DIR).")
    Path directory;

    @Option(names = "--at", paramLabel = "T",
            description = "Show the state T after the run started (e.g. 3.2s, 150ms) instead of at the end.")
    String at;

    @Option(names = "--at-seq", paramLabel = "N",
            description = "Show the state after entry N of the merged journal (the seq column of 'xk journal').")
    Long atSeq;

    @Option(names = "--keys", description = "List every key of every storage index (default: the first five).")
    boolean keys;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Replay.Cut cut = cut();
        Journal journal = JournalCommand.read(directory);
        Replay.Result result = Replay.run(journal, cut, keys);
        out.print(result.report());
        out.flush();
        boolean damaged = JournalCommand.damageReported(journal, spec.commandLine().getErr());
        return damaged || result.verdict() == Replay.Verdict.MISMATCH ? Xk.RUNTIME_FAILURE : Xk.OK;
    }

    private Replay.Cut cut() {
        if (at != null && atSeq != null) {
            throw new BadInputException("give --at or --at-seq, not both");
        }
        if (atSeq != null) {
            if (atSeq < 0) {
                throw new BadInputException("--at-seq must be 0 or more, got " + atSeq);
            }
            return Replay.Cut.atSeq(atSeq);
        }
        if (at != null) {
            return Replay.Cut.at(JournalCommand.parseTime("--at", at));
        }
        return Replay.Cut.END;
    }
}
