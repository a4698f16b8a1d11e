package io.crosskernel.kernels.realtime;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fixed priorities for RM and DM, shared by the analysis and the dispatcher so both agree on them. Ties (equal
 * periods under RM, equal deadlines under DM) are broken by name, then by the other parameter never: names are unique.
 *
 * <p>Stateless and thread-safe; allocates (configuration time only).
 */
final class PriorityOrder {
    private PriorityOrder() {
    }

    /** Task indices from highest to lowest priority. */
    static int[] highestFirst(List<RtTask> tasks, RtPolicy policy) {
        if (!policy.isFixedPriority()) {
            throw new IllegalArgumentException(policy.displayName() + " has no fixed priorities");
        }
        Comparator<Integer> byKey = Comparator.comparingLong(i -> policy == RtPolicy.RM
                ? tasks.get(i).periodNanos() : tasks.get(i).deadlineNanos());
        return IntStream.range(0, tasks.size()).boxed()
                .sorted(byKey.thenComparing(i -> tasks.get(i).name()))
                .mapToInt(Integer::intValue).toArray();
    }

    /** {@code rank[taskIndex]}: 0 for the highest priority. */
    static int[] ranks(List<RtTask> tasks, RtPolicy policy) {
        int[] order = highestFirst(tasks, policy);
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
