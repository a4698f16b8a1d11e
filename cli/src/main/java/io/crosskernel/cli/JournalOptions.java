package io.crosskernel.cli;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.journal.PayloadMode;
import io.crosskernel.hypervisor.journal.RunJournal;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code xk run}'s journal options: validates them and creates the run's journal. */
final class JournalOptions {
    @Option(names = "--journal", paramLabel = "DIR",
            description = "Journal the run into DIR (new or empty): every cross-kernel message, storage writes, "
                    + "lifecycle events and the final state; read it with 'xk replay DIR' and 'xk journal DIR'.")
    Path journalDir;

    @Option(names = "--journal-payload", paramLabel = "MODE", defaultValue = "digest",
            description = "What the journal keeps of payloads and stored values: none, digest (default) or full.")
    String journalPayload;

    /** @return {@code --journal-payload}; an unknown mode is bad input */
    PayloadMode payloadMode() {
        try {
            return PayloadMode.parse(journalPayload);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--journal-payload: " + e.getMessage());
        }
    }

    /** @return the run's journal, or null without --journal; bad journal options are bad input */
    RunJournal open() {
        return open(SystemNanoClock.INSTANCE);
    }

    /** {@link #open()}, timestamping entries with {@code clock} (a simulated run's virtual clock). */
    RunJournal open(io.crosskernel.api.Clock clock) {
        PayloadMode mode = payloadMode();
        if (journalDir == null) {
            return null;
        }
        try {
            return RunJournal.create(journalDir, mode, clock);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--journal: " + e.getMessage());
        }
    }
}
