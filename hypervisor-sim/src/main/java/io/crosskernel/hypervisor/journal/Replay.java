package io.crosskernel.hypervisor.journal;

import io.crosskernel.api.Units;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds a run's state from its journal, to the end or to a moment ({@code --at}, {@code --at-seq}), renders it,
 * and (at the end of a finished run) checks it against the final state the host recorded.
 *
 * <p>Threading: not shared; runs on the calling thread. Allocates freely.
 */
public final class Replay {
    /** How many in-flight messages and store keys a report lists per channel or store unless asked for all. */
    private static final int SAMPLE = 5;

    /** What a replay concluded. */
    public enum Verdict {
        /** Replayed to the end of a finished run: the rebuilt state equals the recorded one. */
        MATCH,
        /** Replayed to the end of a finished run: the rebuilt state differs from the recorded one. */
        MISMATCH,
        /** The journal has no end entry: the run was killed or crashed; replayed to its last entry. */
        CUT_SHORT,
        /**
         * The journal ends early and says why, with no final state to compare: the run was interrupted (a signal) or
         * failed (the journal's disk filled, a kernel did not boot); replayed to its last entry.
         */
        ENDED_EARLY,
        /** Replayed to a moment ({@code --at}/{@code --at-seq}): nothing to compare. */
        POINT_IN_TIME
    }

    /** A replay's state, verdict and rendered report. */
    public record Result(ReplayState state, Verdict verdict, String report) {
    }

    /**
     * Where to stop: after entry {@code seq} (inclusive), or after the last entry at most {@code sinceStartNanos}
     * after the run's start. {@link #END} replays everything.
     */
    public record Cut(long seq, long sinceStartNanos) {
        public static final Cut END = new Cut(Long.MAX_VALUE, Long.MAX_VALUE);

        public static Cut atSeq(long seq) {
            return new Cut(seq, Long.MAX_VALUE);
        }

        public static Cut at(long sinceStartNanos) {
            return new Cut(Long.MAX_VALUE, sinceStartNanos);
        }

        boolean isEnd() {
            return seq == Long.MAX_VALUE && sinceStartNanos == Long.MAX_VALUE;
        }
    }

    private Replay() {
    }

    /** The state after applying every entry up to {@code cut}. */
    public static ReplayState stateAt(Journal journal, Cut cut) {
        ReplayState state = new ReplayState(journal.header());
        for (JournalEntry e : journal.entries()) {
            if (e.seq() > cut.seq() || journal.sinceStart(e.timestampNanos()) > cut.sinceStartNanos()) {
                break;
            }
            state.apply(e);
        }
        return state;
    }

    /**
     * Replays {@code journal} to {@code cut} and renders the report.
     *
     * @param allKeys list every key of every store (else the first few)
     */
    public static Result run(Journal journal, Cut cut, boolean allKeys) {
        ReplayState state = stateAt(journal, cut);
        StringBuilder out = new StringBuilder();
        JournalHeader h = journal.header();
        out.append("journal ").append(journal.directory()).append(": scenario ").append(h.scenarioName())
                .append(" (sha256 ").append(h.scenarioSha256(), 0, 12).append("…), seed ").append(h.seed())
                .append(", payload ").append(h.payloadMode().alias()).append('\n');
        out.append("jvm: ").append(h.jvm()).append('\n');
        out.append("entries: ").append(journal.entries().size() + 1).append(" (");
        List<String> perQueue = new ArrayList<>();
        for (Map.Entry<String, Long> q : new TreeMap<>(journal.entriesPerQueue()).entrySet()) {
            perQueue.add(q.getKey() + " " + q.getValue());
        }
        out.append(String.join(", ", perQueue)).append(")\n");
        boolean end = cut.isEnd();
        out.append(end ? "state at the end of the journal" : "state at " + describeCut(journal, cut))
                .append(": entry #").append(state.applied()).append(", t=")
                .append(Units.formatNanos(Math.max(0, journal.sinceStart(state.lastTimestamp())))).append("\n\n");
        renderChannels(out, journal, state, end);
        renderKernels(out, h, state);
        renderStores(out, state, allKeys);

        Verdict verdict;
        JournalEnd reason = journal.endReason();
        if (!end) {
            verdict = Verdict.POINT_IN_TIME;
        } else if (reason == null) {
            verdict = Verdict.CUT_SHORT;
            out.append("\nthe run was cut short: the journal has no end entry (killed or crashed).");
            appendWhereItEnds(out, journal, state);
            out.append("no final state was recorded, so there is nothing to compare with.\n");
        } else if (journal.finalState() != null) {
            verdict = compare(journal.finalState(), state.figures(), out);
        } else if (reason == JournalEnd.COMPLETED) {
            verdict = Verdict.MISMATCH;
            out.append("\nthe run ended (").append(journal.end().text())
                    .append(") without a recorded final state: cannot check the replay\n");
        } else {
            verdict = Verdict.ENDED_EARLY;
            out.append('\n').append(endedEarly(journal)).append('.');
            appendWhereItEnds(out, journal, state);
            out.append("no final state was recorded, so there is nothing to compare with.\n");
        }
        if (end && reason == JournalEnd.COMPLETED && !journal.end().text().isEmpty()) {
            out.append("the run itself failed: ").append(journal.end().text()).append('\n');
        }
        return new Result(state, verdict, out.toString());
    }

    /**
     * One line for a journal that ended early: {@code the run was interrupted (SIGINT)}, {@code the journal ends early
     * because it failed: no space left on device ...}.
     */
    public static String endedEarly(Journal journal) {
        String detail = journal.end().text();
        if (journal.endReason() == JournalEnd.INTERRUPTED) {
            return "the run was interrupted" + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + ": the journal ends at its last complete entry";
        }
        return "the journal ends early because the run failed" + (detail.isEmpty() ? "" : ": " + detail);
    }

    private static void appendWhereItEnds(StringBuilder out, Journal journal, ReplayState state) {
        out.append(" It ends at its last complete entry, #").append(journal.entries().size()).append(" at t=")
                .append(Units.formatNanos(Math.max(0, journal.sinceStart(state.lastTimestamp()))))
                .append("; last complete entry per queue:");
        for (Map.Entry<String, Long> q : new TreeMap<>(journal.lastPerQueue()).entrySet()) {
            out.append(' ').append(q.getKey()).append(" t=")
                    .append(Units.formatNanos(Math.max(0, journal.sinceStart(q.getValue()))));
        }
        out.append(".\n");
    }

    private static String describeCut(Journal journal, Cut cut) {
        return cut.seq() != Long.MAX_VALUE ? "--at-seq " + cut.seq() : "--at " + Units.formatNanos(cut.sinceStartNanos());
    }

    private static Verdict compare(JournalEntry recorded, StateFigures replayed, StringBuilder out) {
        String sha = replayed.sha256();
        if (sha.equals(recorded.text())) {
            out.append("\nreplay matches the recorded final state (sha256 ").append(sha).append(")\n");
            return Verdict.MATCH;
        }
        out.append("\nreplay does NOT match the recorded final state (recorded sha256 ").append(recorded.text())
                .append(", replayed ").append(sha).append("):\n");
        Set<String> replayedLines = new HashSet<>(List.of(replayed.canonicalText().split("\n")));
        Set<String> recordedLines = new HashSet<>(List.of(recorded.text2().split("\n")));
        for (String line : recorded.text2().split("\n")) {
            if (!replayedLines.contains(line)) {
                out.append("  recorded: ").append(line).append('\n');
            }
        }
        for (String line : replayed.canonicalText().split("\n")) {
            if (!recordedLines.contains(line)) {
                out.append("  replayed: ").append(line).append('\n');
            }
        }
        return Verdict.MISMATCH;
    }

    private static void renderChannels(StringBuilder out, Journal journal, ReplayState state, boolean end) {
        JournalHeader h = journal.header();
        out.append(String.format("%-22s %10s %10s %10s %10s %10s %10s %10s%n", "channel", "offered", "delivered",
                "rejected", "in flight", "hop p50", "hop p99", "hop max"));
        for (ReplayState.ChannelState c : state.channels()) {
            boolean any = c.hopLatency().getTotalCount() > 0;
            out.append(String.format("%-22s %10d %10d %10d %10d %10s %10s %10s%n",
                    h.kernelName(c.from) + "->" + h.kernelName(c.to), c.offered(), c.delivered(), c.rejected(),
                    c.inFlightCount(), any ? Units.formatNanos(c.hopLatency().getValueAtPercentile(50)) : "-",
                    any ? Units.formatNanos(c.hopLatency().getValueAtPercentile(99)) : "-",
                    any ? Units.formatNanos(c.hopLatency().getMaxValue()) : "-"));
        }
        for (ReplayState.ChannelState c : state.channels()) {
            if (c.inFlightCount() > 0) {
                out.append("  in flight on ").append(h.kernelName(c.from)).append("->").append(h.kernelName(c.to))
                        .append(" (queue depth ").append(c.inFlightCount()).append("), oldest:");
                for (JournalEntry e : c.inFlight(SAMPLE)) {
                    out.append(" request ").append(e.requestId()).append(" stage ").append(e.stage())
                            .append(" sent t=").append(Units.formatNanos(Math.max(0,
                                    journal.sinceStart(e.timestampNanos()))))
                            .append(';');
                }
                out.append('\n');
            }
        }
        if (state.unmatchedReceives() > 0) {
            out.append("  WARNING: ").append(state.unmatchedReceives())
                    .append(" receives have no matching send in the journal\n");
        }
        out.append('\n');
    }

    private static void renderKernels(StringBuilder out, JournalHeader h, ReplayState state) {
        out.append(String.format("%-22s %-10s %12s %12s%n", "kernel", "type", "messages in", "messages out"));
        for (JournalHeader.KernelInfo k : h.kernels()) {
            out.append(String.format("%-22s %-10s %12d %12d%n", k.name(), k.type(), state.messagesIn(k.id()),
                    state.messagesOut(k.id())));
        }
    }

    private static void renderStores(StringBuilder out, ReplayState state, boolean allKeys) {
        for (ReplayState.StoreState s : state.stores()) {
            out.append("\nstore ").append(s.kernel()).append(": ").append(s.index().size())
                    .append(" keys written this run (puts ").append(s.puts()).append(", deletes ")
                    .append(s.deletes()).append(")");
            int shown = 0;
            for (Map.Entry<Long, long[]> kv : s.index().entrySet()) {
                if (!allKeys && shown == SAMPLE) {
                    out.append("\n  … ").append(s.index().size() - SAMPLE).append(" more (--keys lists all)");
                    break;
                }
                long[] v = kv.getValue();
                out.append("\n  key ").append(kv.getKey()).append(": ").append(v[0]).append(" bytes, digest ")
                        .append(String.format("%016x", v[1]));
                shown++;
            }
            out.append('\n');
        }
    }
}
