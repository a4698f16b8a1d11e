package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.journal.EntryType;
import io.crosskernel.hypervisor.journal.Journal;
import io.crosskernel.hypervisor.journal.JournalEnd;
import io.crosskernel.hypervisor.journal.JournalEntry;
import io.crosskernel.hypervisor.journal.JournalFormatException;
import io.crosskernel.hypervisor.journal.JournalHeader;
import io.crosskernel.hypervisor.journal.JournalReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xk journal}: lists a journal's entries, filtered, as a table or JSON lines. */
@Command(name = "journal", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Lists the entries of a journal (xk run --journal DIR) in time order, filtered by kernel, time, "
                + "request or entry type; as a table or as JSON lines.")
final class JournalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path directory;

    @Option(names = "--kernel", paramLabel = "K",
            description = "Only entries that involve kernel K: written by it, sent by it or to it.")
    String kernel;

    @Option(names = "--from", paramLabel = "T", description = "Only entries at or after T since the run started.")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "Only entries at or before T since the run started.")
    String to;

    @Option(names = "--request", paramLabel = "ID", description = "Only the messages of request ID: its whole path.")
    Long request;

    @Option(names = "--type", paramLabel = "TYPE", split = ",",
            description = "Only these entry types: send, receive, put, delete, header, lifecycle, final-state, end.")
    Set<String> types;

    @Option(names = "--json", description = "One JSON object per line instead of a table.")
    boolean json;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long fromNanos = from == null ? Long.MIN_VALUE : parseTime("--from", from);
        long toNanos = to == null ? Long.MAX_VALUE : parseTime("--to", to);
        Set<EntryType> wanted = EnumSet.allOf(EntryType.class);
        if (types != null) {
            wanted = EnumSet.noneOf(EntryType.class);
            for (String t : types) {
                try {
                    wanted.add(EntryType.parse(t.trim()));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--type: " + e.getMessage());
                }
            }
        }
        Journal journal = read(directory);
        JournalHeader header = journal.header();
        int kernelId = -2;
        if (kernel != null) {
            kernelId = header.kernels().stream().filter(k -> k.name().equals(kernel)).mapToInt(JournalHeader.KernelInfo::id)
                    .findFirst().orElseThrow(() -> new BadInputException("--kernel: the journaled run has no kernel '"
                            + kernel + "'; it has " + header.kernels().stream().map(JournalHeader.KernelInfo::name)
                            .toList()));
        }
        if (!json) {
            out.println(String.format("%8s %12s %-10s %-11s %s", "seq", "t", "queue", "type", "detail"));
        }
        long shown = 0;
        if (wanted.contains(EntryType.HEADER) && kernel == null && request == null && fromNanos <= 0) {
            out.println(json ? headerJson(header) : String.format("%8d %12s %-10s %-11s %s", 0, "-", "host", "header",
                    "scenario " + header.scenarioName() + " sha256 " + header.scenarioSha256() + " seed "
                            + header.seed() + " payload " + header.payloadMode().alias()));
            shown++;
        }
        for (JournalEntry e : journal.entries()) {
            long t = journal.sinceStart(e.timestampNanos());
            if (!wanted.contains(e.type()) || t < fromNanos || t > toNanos) {
                continue;
            }
            if (kernel != null && !involves(e, kernel, kernelId)) {
                continue;
            }
            if (request != null && !(isMessage(e) && e.requestId() == request)) {
                continue;
            }
            out.println(json ? toJson(e, t, header) : String.format("%8d %12s %-10s %-11s %s", e.seq(),
                    Units.formatNanos(t), e.queue(), e.type().alias(), detail(e, header)));
            shown++;
        }
        if (!json) {
            out.println(shown + " entries (" + ending(journal) + ")");
        }
        out.flush();
        return damageReported(journal, spec.commandLine().getErr()) ? Xk.RUNTIME_FAILURE : Xk.OK;
    }

    /**
     * How the journaled run ended, in words: {@code completed}, {@code completed, the run failed: ...},
     * {@code interrupted (SIGINT) ...}, {@code failed: no space left on device ...}, or {@code crashed ...}.
     */
    static String ending(Journal journal) {
        JournalEnd reason = journal.endReason();
        if (reason == null) {
            return "crashed: the journal has no end entry (the run was killed or crashed); it ends at its last"
                    + " complete entry";
        }
        String detail = journal.end().text();
        switch (reason) {
            case COMPLETED:
                return detail.isEmpty() ? "completed" : "completed, the run failed: " + detail;
            case INTERRUPTED:
                return "interrupted" + (detail.isEmpty() ? "" : " (" + detail + ")")
                        + "; the journal ends at its last complete entry";
            default:
                return "failed: " + detail;
        }
    }

    /**
     * Prints one line per damaged queue of {@code journal} (file, offset, what is wrong) on {@code err}.
     *
     * @return whether there was any: the command then exits 3, after printing what it could read
     */
    static boolean damageReported(Journal journal, PrintWriter err) {
        for (String line : journal.damage()) {
            err.println("error: damaged journal: " + line);
        }
        err.flush();
        return !journal.damage().isEmpty();
    }

    /** Reads the journal in {@code directory}; a missing or unreadable journal is bad input (exit 2). */
    static Journal read(Path directory) {
        try {
            return JournalReader.read(directory);
        } catch (JournalFormatException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** Parses a time since the run's start; bad input exits 2. */
    static long parseTime(String option, String text) {
        long nanos;
        try {
            nanos = Units.parseDurationNanos(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage() + " (a time since the run started, e.g. 3.2s"
                    + " or 150ms)");
        }
        if (nanos < 0) {
            throw new BadInputException(option + " must not be negative, got " + text);
        }
        return nanos;
    }

    private static boolean isMessage(JournalEntry e) {
        return e.type() == EntryType.SEND || e.type() == EntryType.RECEIVE;
    }

    private static boolean involves(JournalEntry e, String name, int id) {
        if (e.queue().equals(name)) {
            return true;
        }
        if (isMessage(e)) {
            return e.from() == id || e.to() == id;
        }
        return e.kernelId() == id;
    }

    private static String detail(JournalEntry e, JournalHeader h) {
        switch (e.type()) {
            case SEND:
                return h.kernelName(e.from()) + "->" + h.kernelName(e.to()) + " " + e.resultName() + " request "
                        + e.requestId() + " trace " + e.traceId() + " route " + e.routeId() + " stage " + e.stage()
                        + " chseq " + e.channelSeq() + " payload " + e.payload();
            case RECEIVE:
                return h.kernelName(e.from()) + "->" + h.kernelName(e.to()) + " request " + e.requestId() + " trace "
                        + e.traceId() + " route " + e.routeId() + " stage " + e.stage() + " chseq " + e.channelSeq()
                        + " hop " + Units.formatNanos(e.timestampNanos() - e.sentNanos());
            case PUT:
                return h.kernelName(e.kernelId()) + " key " + e.key() + " " + e.valueLength() + " bytes digest "
                        + String.format("%016x", e.digest());
            case DELETE:
                return h.kernelName(e.kernelId()) + " key " + e.key();
            case INGRESS:
                return h.kernelName(e.kernelId()) + " route " + e.routeId() + " client id " + e.traceId() + " "
                        + e.valueLength() + " bytes payload " + e.payload();
            case LIFECYCLE:
                return e.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + (e.kernelId() >= 0 ? " " + h.kernelName(e.kernelId()) : "")
                        + (e.text().isEmpty() ? "" : ": " + e.text().replace('\n', ';'));
            case FINAL_STATE:
                return "sha256 " + e.text();
            case END:
                return "end: " + e.endReason().alias() + (e.text().isEmpty() ? "" : ": " + e.text());
            default:
                return "";
        }
    }

    private static String headerJson(JournalHeader h) {
        return "{\"seq\":0,\"type\":\"header\",\"queue\":\"host\",\"scenario\":" + quote(h.scenarioName())
                + ",\"scenarioSha256\":" + quote(h.scenarioSha256()) + ",\"seed\":" + h.seed() + ",\"payload\":"
                + quote(h.payloadMode().alias()) + ",\"jvm\":" + quote(h.jvm()) + "}";
    }

    private static String toJson(JournalEntry e, long t, JournalHeader h) {
        StringBuilder b = new StringBuilder("{\"seq\":").append(e.seq()).append(",\"tNanos\":").append(t)
                .append(",\"queue\":").append(quote(e.queue())).append(",\"type\":").append(quote(e.type().alias()));
        switch (e.type()) {
            case SEND:
            case RECEIVE:
                b.append(",\"from\":").append(quote(h.kernelName(e.from()))).append(",\"to\":")
                        .append(quote(h.kernelName(e.to()))).append(",\"requestId\":").append(e.requestId())
                        .append(",\"traceId\":").append(e.traceId()).append(",\"routeId\":").append(e.routeId())
                        .append(",\"stage\":").append(e.stage()).append(",\"channelSeq\":").append(e.channelSeq())
                        .append(",\"originNanos\":").append(e.originNanos()).append(",\"sentNanos\":")
                        .append(e.sentNanos()).append(",\"payload\":").append(e.payload());
                if (e.type() == EntryType.SEND) {
                    b.append(",\"result\":").append(quote(e.resultName()));
                } else {
                    b.append(",\"hopNanos\":").append(e.timestampNanos() - e.sentNanos());
                }
                break;
            case PUT:
            case DELETE:
                b.append(",\"kernel\":").append(quote(h.kernelName(e.kernelId()))).append(",\"key\":").append(e.key())
                        .append(",\"valueLength\":").append(e.valueLength()).append(",\"digest\":")
                        .append(quote(String.format("%016x", e.digest())));
                break;
            case INGRESS:
                b.append(",\"kernel\":").append(quote(h.kernelName(e.kernelId()))).append(",\"routeId\":")
                        .append(e.routeId()).append(",\"clientId\":").append(e.traceId())
                        .append(",\"payloadLength\":").append(e.valueLength()).append(",\"payload\":")
                        .append(e.payload());
                break;
            case LIFECYCLE:
                b.append(",\"kind\":").append(quote(e.kind().name().toLowerCase(java.util.Locale.ROOT)))
                        .append(",\"kernelId\":").append(e.kernelId()).append(",\"detail\":").append(quote(e.text()));
                break;
            case FINAL_STATE:
                b.append(",\"sha256\":").append(quote(e.text())).append(",\"state\":").append(quote(e.text2()));
                break;
            case END:
                b.append(",\"clean\":").append(e.result() == 1).append(",\"reason\":")
                        .append(quote(e.endReason().alias())).append(",\"failure\":").append(quote(e.text()));
                break;
            default:
                break;
        }
        return b.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
