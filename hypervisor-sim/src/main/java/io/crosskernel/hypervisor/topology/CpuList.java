package io.crosskernel.hypervisor.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The Linux "cpu list" text format, as in {@code /sys/devices/system/cpu/online} and {@code Cpus_allowed_list}:
 * comma-separated CPU numbers and inclusive ranges, e.g. {@code 0-3,5} for CPUs 0, 1, 2, 3 and 5.
 *
 * <p>Stateless; every method is safe to call from any thread.
 */
public final class CpuList {
    /**
     * The largest CPU number accepted. Linux's NR_CPUS tops out at 8192; the margin keeps a typo such as
     * {@code 0-2000000000} from allocating gigabytes.
     */
    public static final int MAX_CPU = 65_535;

    private CpuList() {
    }

    /**
     * Parses a cpu list. Surrounding whitespace (sysfs files end in a newline) is ignored; an empty or blank text is
     * the empty list.
     *
     * @return the CPUs, sorted ascending, without duplicates; unmodifiable
     * @throws IllegalArgumentException if the text is not a cpu list, naming the offending part
     */
    public static List<Integer> parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("cpu list is null");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : trimmed.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty entry in cpu list '" + trimmed + "'");
            }
            int dash = item.indexOf('-');
            if (dash < 0) {
                cpus.add(number(item, trimmed));
            } else {
                int first = number(item.substring(0, dash), trimmed);
                int last = number(item.substring(dash + 1), trimmed);
                if (last < first) {
                    throw new IllegalArgumentException(
                            "range '" + item + "' in cpu list '" + trimmed + "' runs backwards");
                }
                for (int cpu = first; cpu <= last; cpu++) {
                    cpus.add(cpu);
                }
            }
        }
        return List.copyOf(cpus);
    }

    /**
     * Formats CPUs as a cpu list, collapsing runs of two or more consecutive CPUs into ranges. Order and duplicates in
     * the input do not matter: {@code [5,0,1,2,3,3]} gives {@code 0-3,5}; an empty collection gives {@code ""}.
     *
     * @throws IllegalArgumentException if a CPU is null, negative or above {@link #MAX_CPU}
     */
    public static String format(Collection<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(cpus.size());
        for (Integer cpu : cpus) {
            if (cpu == null || cpu < 0 || cpu > MAX_CPU) {
                throw new IllegalArgumentException("not a CPU number: " + cpu + " (expected 0.." + MAX_CPU + ")");
            }
            sorted.add(cpu);
        }
        Collections.sort(sorted);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int first = sorted.get(i);
            int last = first;
            i++;
            while (i < sorted.size() && sorted.get(i) <= last + 1) {
                last = sorted.get(i);
                i++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(first);
            if (last != first) {
                out.append('-').append(last);
            }
        }
        return out.toString();
    }

    private static int number(String digits, String whole) {
        String d = digits.strip();
        if (d.isEmpty() || d.length() > 9 || !d.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "'" + d + "' in cpu list '" + whole + "' is not a CPU number (expected e.g. 0-3,5)");
        }
        int cpu = Integer.parseInt(d);
        if (cpu > MAX_CPU) {
            throw new IllegalArgumentException(
                    "CPU " + cpu + " in cpu list '" + whole + "' is above the largest supported CPU " + MAX_CPU);
        }
        return cpu;
    }
}
