package io.crosskernel.hypervisor.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journals damaged byte by byte after they were written (garbage in an entry, an entry cut short, a damaged header),
 * journals written in format 1, and the end reasons: the reader keeps what is readable before the damage and says
 * where (file, offset) and what is wrong in one line; it never hangs.
 */
@Timeout(20)
class DamagedJournalTest {
    private static final long T0 = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** A journal of 10 SENDs from kernel a (requests 100..109) and the end entry. */
    private void write(int formatVersion, JournalEnd end, String detail) {
        JournalFailure failure = new JournalFailure();
        HostJournalWriter host = new HostJournalWriter(JournalQueues.hostDir(dir), failure);
        host.header(new JournalHeader(formatVersion, PayloadMode.DIGEST, T0 - MS, 42, "damaged", "name: damaged\n",
                Digests.sha256("name: damaged\n"), "plan", "topology", "jvm",
                List.of(new JournalHeader.KernelInfo(0, "a", "general"),
                        new JournalHeader.KernelInfo(1, "b", "general")),
                List.of(new JournalHeader.ChannelInfo(0, 1, 16, "retry"))));
        host.lifecycle(LifecycleKind.START, -1, T0, "");
        try (KernelJournalWriter a = new KernelJournalWriter(JournalQueues.kernelDir(dir, "a"), 0, "a",
                PayloadMode.DIGEST, () -> T0, failure)) {
            Envelope message = new Envelope();
            for (int i = 0; i < 10; i++) {
                message.requestId = 100 + i;
                a.message(JournalLayout.SEND, SendResult.SENT.ordinal(), 0, 1, i, message, T0 + (i + 1) * MS);
            }
        }
        host.end(T0 + 20 * MS, end, detail);
        host.close();
    }

    private static Path cycleFile(Path queueDir) throws IOException {
        try (Stream<Path> files = Files.list(queueDir)) {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** The file offset of the SEND entry of {@code requestId} (its payload's first byte). */
    private static long offsetOfRequest(Path file, long requestId) throws IOException {
        byte[] data = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + JournalLayout.MESSAGE_LENGTH <= data.length; at += 4) {
            if (data[at] == JournalLayout.SEND && b.getLong(at + JournalLayout.MSG_REQUEST_ID) == requestId) {
                return at;
            }
        }
        throw new AssertionError("no SEND of request " + requestId + " in " + file);
    }

    private static void overwrite(Path file, long offset, byte... bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    @Test
    void garbageInAnEntryEndsThatQueueThereAndSaysWhereKeepingWhatCameBefore() throws IOException {
        write(JournalLayout.FORMAT_VERSION, JournalEnd.COMPLETED, null);
        Path file = cycleFile(JournalQueues.kernelDir(dir, "a"));
        long at = offsetOfRequest(file, 103);
        overwrite(file, at, (byte) 0x7F);

        Journal journal = JournalReader.read(dir);

        assertThat(journal.entries()).filteredOn(e -> e.type() == EntryType.SEND)
                .extracting(JournalEntry::requestId).containsExactly(100L, 101L, 102L);
        assertThat(journal.damage()).singleElement().asString().isEqualTo(file + ": offset " + (at - 4)
                + " (entry 4): unknown entry type code 127 (garbage, or a newer format); the a queue is read up to"
                + " the entry before");
        assertThat(journal.endReason()).isEqualTo(JournalEnd.COMPLETED);
    }

    @Test
    void anEntryCutShortIsReportedWithItsOffset() throws IOException {
        write(JournalLayout.FORMAT_VERSION, JournalEnd.COMPLETED, null);
        Path file = cycleFile(JournalQueues.kernelDir(dir, "a"));
        long at = offsetOfRequest(file, 105);
        // Chronicle's 4-byte document header holds the length in its low 30 bits: make the entry 20 bytes long.
        overwrite(file, at - 4, (byte) 20, (byte) 0, (byte) 0, (byte) 0);

        Journal journal = JournalReader.read(dir);

        assertThat(journal.entries()).filteredOn(e -> e.type() == EntryType.SEND)
                .extracting(JournalEntry::requestId).containsExactly(100L, 101L, 102L, 103L, 104L);
        assertThat(journal.damage()).singleElement().asString().startsWith(file + ": offset " + (at - 4)
                + " (entry 6): a SEND entry in queue a has 20 bytes, expected 72");
    }

    @Test
    void aFileTruncatedMidEntryReadsUpToTheEntryBefore() throws IOException {
        write(JournalLayout.FORMAT_VERSION, JournalEnd.COMPLETED, null);
        Path file = cycleFile(JournalQueues.kernelDir(dir, "a"));
        long at = offsetOfRequest(file, 106);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(at + 30);
        }

        Journal journal = JournalReader.read(dir);

        assertThat(journal.entries()).filteredOn(e -> e.type() == EntryType.SEND)
                .extracting(JournalEntry::requestId).startsWith(100L, 101L, 102L, 103L, 104L, 105L)
                .doesNotContain(107L, 108L, 109L);
        assertThat(journal.damage()).allSatisfy(line -> assertThat(line).startsWith(file + ": offset "));
    }

    @Test
    void aDamagedHeaderIsOneLineNamingTheFileAndTheOffset() throws IOException {
        write(JournalLayout.FORMAT_VERSION, JournalEnd.COMPLETED, null);
        Path file = cycleFile(JournalQueues.hostDir(dir));
        long at = offsetOfHeader(file);
        overwrite(file, at + 1, (byte) 99); // the format version

        assertThatThrownBy(() -> JournalReader.read(dir)).isInstanceOf(JournalDamagedException.class)
                .hasMessage(file + ": offset " + (at - 4) + " (entry 1): journal format version 99, this xk reads"
                        + " versions 1 to " + JournalLayout.FORMAT_VERSION + "; the host queue is read up to the entry"
                        + " before");
    }

    private static long offsetOfHeader(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        byte[] name = "damaged".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int at = 0; at + 24 + name.length < data.length; at += 4) {
            if (data[at] == JournalLayout.HEADER && data[at + 24] == name.length
                    && java.util.Arrays.equals(data, at + 25, at + 25 + name.length, name, 0, name.length)) {
                return at;
            }
        }
        throw new AssertionError("no header in " + file);
    }

    @Test
    void aFormatOneJournalStillReadsItsCleanFlagAsTheEndReason() throws IOException {
        write(1, JournalEnd.COMPLETED, null);
        Path file = cycleFile(JournalQueues.hostDir(dir));
        // Format 1 had no reason byte: byte 2 of its END entry was 0. Clear it in the entry just written.
        byte[] data = Files.readAllBytes(file);
        long end = -1;
        for (int at = 0; at + 16 < data.length; at += 4) {
            if (data[at] == JournalLayout.END && data[at + 1] == 1 && data[at + 2] == JournalEnd.COMPLETED.code()) {
                end = at;
            }
        }
        assertThat(end).isPositive();
        overwrite(file, end + JournalLayout.END_REASON, (byte) 0);

        Journal journal = JournalReader.read(dir);

        assertThat(journal.header().formatVersion()).isEqualTo(1);
        assertThat(journal.endReason()).isEqualTo(JournalEnd.COMPLETED);
        assertThat(journal.damage()).isEmpty();
    }

    @Test
    void replayTellsCompletedInterruptedFailedAndCrashedApart() {
        write(JournalLayout.FORMAT_VERSION, JournalEnd.INTERRUPTED, "SIGINT");
        Journal interrupted = JournalReader.read(dir);
        Replay.Result result = Replay.run(interrupted, Replay.Cut.END, false);
        assertThat(interrupted.endReason()).isEqualTo(JournalEnd.INTERRUPTED);
        assertThat(result.verdict()).isEqualTo(Replay.Verdict.ENDED_EARLY);
        assertThat(result.report()).contains("the run was interrupted (SIGINT): the journal ends at its last"
                + " complete entry");
    }

    @Test
    void replayOfAJournalThatFailedSaysWhy(@TempDir Path other) {
        dir = other;
        write(JournalLayout.FORMAT_VERSION, JournalEnd.FAILED, "no space left on device for the journal queue x");
        Replay.Result result = Replay.run(JournalReader.read(dir), Replay.Cut.END, false);
        assertThat(result.verdict()).isEqualTo(Replay.Verdict.ENDED_EARLY);
        assertThat(result.report()).contains("the journal ends early because the run failed: no space left on device"
                + " for the journal queue x");
    }
}
