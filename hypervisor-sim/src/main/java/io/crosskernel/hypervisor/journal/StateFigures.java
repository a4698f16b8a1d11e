package io.crosskernel.hypervisor.journal;

import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.RunReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures the final-state digest covers: per channel offered / delivered / rejected / in flight, per kernel
 * messages in and out, per storage kernel puts and deletes. The host computes them from its live counters at the end
 * of a run ({@link #of(RunReport)}); a replay computes them from the journal alone; both render them with
 * {@link #canonicalText()} and compare the SHA-256 of that text.
 *
 * <p>Immutable; any thread.
 */
public record StateFigures(List<ChannelFigure> channels, List<KernelFigure> kernels, List<StoreFigure> stores) {

    public StateFigures {
        channels = List.copyOf(channels);
        kernels = List.copyOf(kernels);
        stores = List.copyOf(stores);
    }

    /** One channel's counters, as {@code ChannelStats} counts them. */
    public record ChannelFigure(String from, String to, long offered, long delivered, long rejected, long inFlight) {
    }

    /** One kernel's message counters. */
    public record KernelFigure(String name, long messagesIn, long messagesOut) {
    }

    /** One storage kernel's writes during the run. */
    public record StoreFigure(String kernel, long puts, long deletes) {
    }

    /** The live figures of a finished run, in report order (kernels by id, channels in link order). */
    public static StateFigures of(RunReport report) {
        List<ChannelFigure> channels = new ArrayList<>();
        for (ChannelReport c : report.channels()) {
            channels.add(new ChannelFigure(c.from(), c.to(), c.offered(), c.delivered(), c.rejected(), c.inFlight()));
        }
        List<KernelFigure> kernels = new ArrayList<>();
        List<StoreFigure> stores = new ArrayList<>();
        for (KernelReport k : report.kernels()) {
            kernels.add(new KernelFigure(k.name(), k.messagesIn(), k.messagesOut()));
            if (k.type().equals("storage")) {
                stores.add(new StoreFigure(k.name(), asLong(k.details().get("puts")),
                        asLong(k.details().get("deletes"))));
            }
        }
        return new StateFigures(channels, kernels, stores);
    }

    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** One line per figure, in a fixed order; the digest is taken over this text. */
    public String canonicalText() {
        StringBuilder out = new StringBuilder();
        for (ChannelFigure c : channels) {
            out.append("channel ").append(c.from()).append("->").append(c.to())
                    .append(" offered=").append(c.offered())
                    .append(" delivered=").append(c.delivered())
                    .append(" rejected=").append(c.rejected())
                    .append(" inFlight=").append(c.inFlight()).append('\n');
        }
        for (KernelFigure k : kernels) {
            out.append("kernel ").append(k.name())
                    .append(" messagesIn=").append(k.messagesIn())
                    .append(" messagesOut=").append(k.messagesOut()).append('\n');
        }
        for (StoreFigure s : stores) {
            out.append("store ").append(s.kernel())
                    .append(" puts=").append(s.puts())
                    .append(" deletes=").append(s.deletes()).append('\n');
        }
        return out.toString();
    }

    public String sha256() {
        return Digests.sha256(canonicalText());
    }
}
