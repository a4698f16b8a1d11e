package io.crosskernel.hypervisor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.SendResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written entry by entry against a manual clock, so the state at every moment is known: sends on a->b
 * every millisecond, the first six received half a millisecond later, one dropped send, two puts and a delete.
 */
class TimeTravelTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0 - MS);
    private HostJournalWriter host;
    private KernelJournalWriter a;
    private KernelJournalWriter b;

    @BeforeEach
    void writeHeader() {
        host = new HostJournalWriter(JournalQueues.hostDir(dir), new JournalFailure());
        host.header(new JournalHeader(JournalLayout.FORMAT_VERSION, PayloadMode.DIGEST, clock.nanoTime(), 42,
                "timeline", "name: timeline\n", Digests.sha256("name: timeline\n"), "plan", "topology", "jvm",
                List.of(new JournalHeader.KernelInfo(0, "a", "general"),
                        new JournalHeader.KernelInfo(1, "b", "storage")),
                List.of(new JournalHeader.ChannelInfo(0, 1, 16, "drop-newest"))));
        a = new KernelJournalWriter(JournalQueues.kernelDir(dir, "a"), 0, "a", PayloadMode.DIGEST, clock,
                new JournalFailure());
        b = new KernelJournalWriter(JournalQueues.kernelDir(dir, "b"), 1, "b", PayloadMode.DIGEST, clock,
                new JournalFailure());
        clock.set(T0);
        host.lifecycle(LifecycleKind.START, -1, T0, "");
    }

    /** Writes the timeline; returns the figures a live host would have recorded at the end. */
    private StateFigures writeTimeline() {
        Envelope message = new Envelope();
        for (int i = 0; i < 10; i++) {
            message.requestId = 100 + i;
            message.traceId = 100 + i;
            message.stage = 1;
            message.payload = i;
            message.sentNanos = T0 + (i + 1) * MS;
            a.message(JournalLayout.SEND, SendResult.SENT.ordinal(), 0, 1, i, message, T0 + (i + 1) * MS);
            if (i < 6) {
                clock.set(T0 + (i + 1) * MS + MS / 2);
                b.message(JournalLayout.RECEIVE, 0, 0, 1, i, message, clock.nanoTime());
            }
            if (i == 2) {
                clock.set(T0 + 3 * MS + MS * 3 / 4);
                b.put(1, new byte[] {1, 2, 3}, 0, 3);
            }
            if (i == 3) {
                clock.set(T0 + 4 * MS + MS * 3 / 4);
                b.put(2, new byte[] {4, 5}, 0, 2);
            }
            if (i == 7) {
                clock.set(T0 + 8 * MS + MS * 3 / 4);
                b.delete(1);
            }
        }
        message.requestId = 999;
        a.message(JournalLayout.SEND, SendResult.DROPPED.ordinal(), 0, 1, 10, message, T0 + 11 * MS);
        a.close();
        b.close();
        clock.set(T0 + 12 * MS);
        return new StateFigures(List.of(new StateFigures.ChannelFigure("a", "b", 11, 6, 1, 4)),
                List.of(new StateFigures.KernelFigure("a", 0, 10), new StateFigures.KernelFigure("b", 6, 0)),
                List.of(new StateFigures.StoreFigure("b", 2, 1)));
    }

    private void finish(StateFigures recorded) {
        host.finalState(clock.nanoTime(), recorded.sha256(), recorded.canonicalText());
        host.end(clock.nanoTime(), JournalEnd.COMPLETED, null);
        host.close();
    }

    private static ReplayState.ChannelState ab(ReplayState state) {
        return state.channels().get(0);
    }

    @Test
    void atAMomentShowsTheMessagesInFlightTheCountersAndTheStore() {
        finish(writeTimeline());
        Journal journal = JournalReader.read(dir);

        ReplayState at5 = Replay.stateAt(journal, Replay.Cut.at(5 * MS + MS / 5));
        assertThat(ab(at5).offered()).isEqualTo(5);
        assertThat(ab(at5).delivered()).isEqualTo(4);
        assertThat(ab(at5).inFlightCount()).isEqualTo(1);
        assertThat(ab(at5).inFlight(5)).extracting(JournalEntry::requestId).containsExactly(104L);
        assertThat(at5.stores().get(0).index()).containsOnlyKeys(1L, 2L);

        ReplayState at9 = Replay.stateAt(journal, Replay.Cut.at(9 * MS));
        assertThat(ab(at9).inFlightCount()).isEqualTo(3);
        assertThat(ab(at9).inFlight(5)).extracting(JournalEntry::requestId).containsExactly(106L, 107L, 108L);
        assertThat(at9.messagesOut(0)).isEqualTo(9);
        assertThat(at9.messagesIn(1)).isEqualTo(6);
        assertThat(at9.stores().get(0).index()).containsOnlyKeys(2L);
        assertThat(at9.stores().get(0).index().get(2L)[0]).isEqualTo(2);

        ReplayState end = Replay.stateAt(journal, Replay.Cut.END);
        assertThat(ab(end).inFlightCount()).isEqualTo(4);
        assertThat(ab(end).rejected()).isEqualTo(1);
        assertThat(ab(end).hopLatency().getTotalCount()).isEqualTo(6);
        assertThat(ab(end).hopLatency().getMaxValue()).isBetween(MS / 2 - 1000, MS / 2 + 1000);
    }

    @Test
    void atSeqCountsEntriesOfTheMergedTimeline() {
        finish(writeTimeline());
        Journal journal = JournalReader.read(dir);
        // entry 1 is START; then send 0 (2), receive 0 (3), send 1 (4)
        ReplayState state = Replay.stateAt(journal, Replay.Cut.atSeq(4));
        assertThat(state.applied()).isEqualTo(4);
        assertThat(ab(state).offered()).isEqualTo(2);
        assertThat(ab(state).delivered()).isEqualTo(1);
        assertThat(ab(state).inFlight(5)).extracting(JournalEntry::requestId).containsExactly(101L);
    }

    @Test
    void replayToTheEndMatchesTheRecordedStateOrListsTheDifference() {
        StateFigures truth = writeTimeline();
        finish(truth);
        Journal journal = JournalReader.read(dir);
        Replay.Result result = Replay.run(journal, Replay.Cut.END, true);
        assertThat(result.verdict()).as(result.report()).isEqualTo(Replay.Verdict.MATCH);
        assertThat(result.report()).contains("key 2: 2 bytes");
    }

    @Test
    void aRecordedStateThatDiffersIsAMismatchNamingTheFigure() {
        writeTimeline();
        finish(new StateFigures(List.of(new StateFigures.ChannelFigure("a", "b", 11, 7, 1, 3)),
                List.of(new StateFigures.KernelFigure("a", 0, 10), new StateFigures.KernelFigure("b", 6, 0)),
                List.of(new StateFigures.StoreFigure("b", 2, 1))));
        Replay.Result result = Replay.run(JournalReader.read(dir), Replay.Cut.END, false);
        assertThat(result.verdict()).isEqualTo(Replay.Verdict.MISMATCH);
        assertThat(result.report()).contains("does NOT match",
                "recorded: channel a->b offered=11 delivered=7 rejected=1 inFlight=3",
                "replayed: channel a->b offered=11 delivered=6 rejected=1 inFlight=4");
    }

    @Test
    void aJournalWithoutTheCleanEndMarkerIsReportedAsCutShort() {
        writeTimeline();
        host.close(); // no final state, no end: as after kill -9
        Journal journal = JournalReader.read(dir);
        assertThat(journal.cleanEnd()).isFalse();
        Replay.Result result = Replay.run(journal, Replay.Cut.END, false);
        assertThat(result.verdict()).isEqualTo(Replay.Verdict.CUT_SHORT);
        assertThat(result.report()).contains("the run was cut short", "a t=11ms");
    }
}
