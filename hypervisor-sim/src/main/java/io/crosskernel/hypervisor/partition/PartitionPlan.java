package io.crosskernel.hypervisor.partition;

import io.crosskernel.hypervisor.topology.CpuTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A validated assignment of kernels to cores, made by {@link PartitionPlanner}. Immutable; safe to share between
 * threads.
 *
 * @param kernels          one placement per kernel, in scenario order (index = kernel id)
 * @param housekeepingCore the core kept for the host's own threads, or -1 when there is none (housekeeping off, or
 *                         oversubscribed with no core left)
 * @param oversubscribed   true if some core is shared (between kernels, or between a kernel and the host) or some
 *                         worker runs unpinned because its core does not exist here
 * @param warnings         things the user should know before trusting the numbers; empty when the plan is clean
 * @param topology         the machine the plan was made for
 */
public record PartitionPlan(List<KernelPlacement> kernels, int housekeepingCore, boolean oversubscribed,
        List<String> warnings, CpuTopology topology) {
    public PartitionPlan {
        kernels = List.copyOf(kernels);
        warnings = List.copyOf(warnings);
    }

    /** A table for people: one row per kernel with its cores and whether they are pinned, then the host's core. */
    public String render() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"kernel", "type", "cores", "placement"});
        Map<Integer, Integer> users = coreUsers();
        for (KernelPlacement kernel : kernels) {
            rows.add(new String[] {kernel.name(), kernel.type(), joined(kernel.cores()), placement(kernel, users)});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : pad(row[c], widths[c] + 2));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        out.append("housekeeping core: ")
                .append(housekeepingCore < 0 ? "none (host threads run unpinned)" : Integer.toString(housekeepingCore))
                .append(System.lineSeparator());
        if (oversubscribed) {
            out.append("oversubscribed: yes").append(System.lineSeparator());
        }
        if (!warnings.isEmpty()) {
            out.append("warnings:").append(System.lineSeparator());
            for (String warning : warnings) {
                out.append("  - ").append(warning).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** How many workers (and the host) each physical core carries. */
    private Map<Integer, Integer> coreUsers() {
        Map<Integer, Integer> users = new TreeMap<>();
        for (KernelPlacement kernel : kernels) {
            for (int i = 0; i < kernel.workers(); i++) {
                if (kernel.pinned(i)) {
                    users.merge(kernel.cores().get(i), 1, Integer::sum);
                }
            }
        }
        if (housekeepingCore >= 0) {
            users.merge(housekeepingCore, 1, Integer::sum);
        }
        return users;
    }

    private static String placement(KernelPlacement kernel, Map<Integer, Integer> users) {
        List<Integer> pinned = new ArrayList<>();
        List<Integer> shared = new ArrayList<>();
        List<Integer> unpinned = new ArrayList<>();
        for (int i = 0; i < kernel.workers(); i++) {
            int core = kernel.cores().get(i);
            if (!kernel.pinned(i)) {
                unpinned.add(core);
            } else if (users.getOrDefault(core, 0) > 1) {
                shared.add(core);
            } else {
                pinned.add(core);
            }
        }
        int kinds = (pinned.isEmpty() ? 0 : 1) + (shared.isEmpty() ? 0 : 1) + (unpinned.isEmpty() ? 0 : 1);
        List<String> parts = new ArrayList<>();
        part(parts, "pinned", pinned, kinds);
        part(parts, "pinned+shared", shared, kinds);
        part(parts, "virtual (unpinned)", unpinned, kinds);
        return String.join("; ", parts);
    }

    /** Names the cores only when a kernel's cores are of more than one kind. */
    private static void part(List<String> parts, String kind, List<Integer> cores, int kinds) {
        if (!cores.isEmpty()) {
            parts.add(kinds == 1 ? kind : kind + " " + joined(cores));
        }
    }

    private static String joined(List<Integer> cores) {
        return cores.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String pad(String text, int width) {
        StringBuilder out = new StringBuilder(text);
        while (out.length() < width) {
            out.append(' ');
        }
        return out.toString();
    }
}
