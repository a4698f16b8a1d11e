package io.crosskernel.hypervisor.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CPU lists the way Linux writes them ({@code /sys/devices/system/cpu/online}, {@code taskset -c}): comma-separated
 * core numbers and inclusive ranges, e.g. {@code 0,2-3}.
 *
 * <p>Unlike {@link io.crosskernel.hypervisor.topology.CpuList}, which reads what the kernel reports as a set, this
 * parses what a user wrote: the order is kept (worker i runs on the i-th core) and a core named twice is an error.
 * Print lists with {@code CpuList.format}.
 *
 * <p>Threading: stateless, safe from any thread.
 */
public final class CoreList {
    /** The highest core number accepted; bounds the size of a list a range like {@code 0-99999999} would create. */
    public static final int MAX_CORE = 4095;

    private CoreList() {
    }

    /**
     * Parses a CPU list, keeping the order written.
     *
     * @throws IllegalArgumentException saying what is wrong when the text is empty, malformed, has a reversed range,
     *                                  a core above {@link #MAX_CORE}, or names a core twice
     */
    public static List<Integer> parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the core list is empty");
        }
        Set<Integer> cores = new LinkedHashSet<>();
        for (String part : t.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            int first;
            int last;
            if (dash < 0) {
                first = core(p, text);
                last = first;
            } else {
                first = core(p.substring(0, dash).trim(), text);
                last = core(p.substring(dash + 1).trim(), text);
                if (last < first) {
                    throw new IllegalArgumentException("range '" + p + "' runs backwards: write " + last + "-"
                            + first);
                }
            }
            for (int c = first; c <= last; c++) {
                if (!cores.add(c)) {
                    throw new IllegalArgumentException("core " + c + " is listed twice in '" + text + "'");
                }
            }
        }
        return List.copyOf(cores);
    }

    private static int core(String s, String whole) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + whole + "' is not a core list: '" + s
                    + "' is not a core number (write numbers and ranges, for example 0,2-3)");
        }
        if (s.length() > 6 || Integer.parseInt(s) > MAX_CORE) {
            throw new IllegalArgumentException("core " + s + " is above the highest supported core " + MAX_CORE);
        }
        return Integer.parseInt(s);
    }
}
