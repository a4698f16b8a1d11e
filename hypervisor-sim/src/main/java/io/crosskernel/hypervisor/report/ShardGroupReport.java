package io.crosskernel.hypervisor.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one shard group of storage kernels did, per shard and as a whole: how the load spread over the shards
 * ({@link #skew}: the busiest shard's requests over the mean), its hottest keys, and the end-of-run read-back check.
 * Built from the shards' own {@link KernelReport}s ({@link #of}): a storage shard's details say which group it is in
 * ({@code shard}), how many keys it holds, what it wrote, its hottest keys and what {@code verify} found.
 *
 * @param group            the group's name, as stages address it
 * @param requests         tasks the shards ran (completed and failed), over all shards
 * @param skew             the busiest shard's requests over the mean per shard; 1 is a perfect spread, 0 when no
 *                         shard ran anything
 * @param maxShare         the busiest shard's share of the requests, 0..1
 * @param liveKeys         keys the shards hold at the end (their indexes: this run's and earlier runs' keys)
 * @param writtenBytes     bytes the shards appended to their logs
 * @param verifiedKeys     keys the read-back check covered, or null when the group does not verify
 * @param verifyMismatches keys that did not read back as their last acknowledged write, or null without verify
 * @param shards           one row per shard, in shard order
 * @param hotKeys          the hottest keys over the group (each from its shard's bounded sketch), hottest first
 * @param reorderedWrites  writes a shard applied after a later write of the same key (per-key order broken), summed
 *                         over the shards, or null without verify
 * @param reshard          what the group's live reshard did, or null when it has none
 */
public record ShardGroupReport(String group, long requests, double skew, double maxShare, long liveKeys,
        long writtenBytes, Long verifiedKeys, Long verifyMismatches, List<Shard> shards, List<HotKey> hotKeys,
        Long reorderedWrites, Reshard reshard) {
    /** How many of the hottest keys the report lists per group. */
    public static final int HOT_KEYS = 10;

    public ShardGroupReport {
        shards = List.copyOf(shards);
        hotKeys = List.copyOf(hotKeys);
    }

    /**
     * One shard.
     *
     * @param kernel       its kernel's name ({@code store-2})
     * @param index        its place in the group
     * @param requests     tasks it ran, completed and failed
     * @param share        its share of the group's requests, 0..1
     * @param liveKeys     keys its index holds at the end
     * @param writtenBytes bytes it appended to its log
     * @param misses       gets of keys it did not hold (absent or deleted): counted, not failed
     * @param latencyNanos its task response time (arrival at the shard to completion)
     */
    public record Shard(String kernel, int index, long requests, double share, long liveKeys, long writtenBytes,
            long misses, LatencySummary latencyNanos) {
    }

    /**
     * A live reshard, from the shards' own figures ({@code reshard} in a storage shard's details).
     *
     * @param from             shards before the switch
     * @param to               shards after it
     * @param atNanos          the reshard time, after the run's start
     * @param complete         true when every shard finished its part (all copies sent, all received)
     * @param keysMoved        keys whose value was copied to their new owner (deleted and absent keys not counted)
     * @param bytesMoved       the values' bytes copied
     * @param tombstonesMoved  copies that said a key has no value (deleted this run)
     * @param parked           requests the gaining shards held until their keys' state had arrived
     * @param durationNanos    from the reshard time to the last shard finishing its part; -1 when not complete
     * @param latencyP50Nanos  release-to-start latency of the requests released during the move, the median of the
     *                         slowest shard (each shard measures its own: the group's figure is its worst)
     * @param latencyP99Nanos  the same at p99, the slowest shard's
     * @param latencyCount     requests measured during the move, over all shards
     */
    public record Reshard(int from, int to, long atNanos, boolean complete, long keysMoved, long bytesMoved,
            long tombstonesMoved, long parked, long durationNanos, long latencyP50Nanos, long latencyP99Nanos,
            long latencyCount) {
    }

    /**
     * One hot key: its count (at most {@code error} above the true count: Space-Saving's bound) and its shard.
     */
    public record HotKey(long key, long count, long error, String kernel) {
    }

    /** The shard groups among {@code kernels}, in the order their first shards appear; empty when there are none. */
    public static List<ShardGroupReport> of(List<KernelReport> kernels) {
        Map<String, List<KernelReport>> byGroup = new LinkedHashMap<>();
        for (KernelReport kernel : kernels) {
            if (kernel.details().get("shard") instanceof Map<?, ?> shard && shard.get("group") instanceof String g) {
                byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(kernel);
            }
        }
        List<ShardGroupReport> groups = new ArrayList<>();
        byGroup.forEach((group, members) -> groups.add(group(group, members)));
        return List.copyOf(groups);
    }

    private static ShardGroupReport group(String group, List<KernelReport> members) {
        long total = 0;
        long max = 0;
        long keys = 0;
        long bytes = 0;
        long verified = 0;
        long mismatches = 0;
        boolean verifies = false;
        List<HotKey> hot = new ArrayList<>();
        long reordered = 0;
        for (KernelReport k : members) {
            long requests = k.tasksCompleted() + k.tasksFailed();
            total += requests;
            max = Math.max(max, requests);
            keys += number(k.details().get("liveKeys"));
            bytes += number(k.details().get("writtenBytes"));
            if (k.details().get("verify") instanceof Map<?, ?> v) {
                verifies = true;
                verified += number(v.get("keys"));
                mismatches += number(v.get("mismatches"));
                reordered += number(v.get("reorderedWrites"));
            }
            if (k.details().get("hotKeys") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> e) {
                        hot.add(new HotKey(number(e.get("key")), number(e.get("count")), number(e.get("error")),
                                k.name()));
                    }
                }
            }
        }
        List<Shard> shards = new ArrayList<>();
        for (KernelReport k : members) {
            long requests = k.tasksCompleted() + k.tasksFailed();
            int index = (int) number(((Map<?, ?>) k.details().get("shard")).get("index"));
            shards.add(new Shard(k.name(), index, requests, total == 0 ? 0 : requests / (double) total,
                    number(k.details().get("liveKeys")), number(k.details().get("writtenBytes")),
                    number(k.details().get("misses")), k.latencyNanos()));
        }
        shards.sort(Comparator.comparingInt(Shard::index));
        hot.sort(Comparator.comparingLong(HotKey::count).reversed().thenComparingLong(HotKey::key));
        double mean = members.isEmpty() ? 0 : total / (double) members.size();
        return new ShardGroupReport(group, total, mean == 0 ? 0 : max / mean, total == 0 ? 0 : max / (double) total,
                keys, bytes, verifies ? verified : null, verifies ? mismatches : null, shards,
                hot.subList(0, Math.min(HOT_KEYS, hot.size())), verifies ? reordered : null, reshard(members));
    }

    /** The group's reshard from its shards' {@code reshard} details, or null when they have none. */
    private static Reshard reshard(List<KernelReport> members) {
        boolean any = false;
        boolean complete = true;
        long moved = 0;
        long bytes = 0;
        long tombstones = 0;
        long parked = 0;
        long end = -1;
        long p50 = 0;
        long p99 = 0;
        long count = 0;
        int from = 0;
        int to = 0;
        long at = 0;
        for (KernelReport k : members) {
            if (!(k.details().get("reshard") instanceof Map<?, ?> r)) {
                continue;
            }
            from = (int) number(r.get("from"));
            to = (int) number(r.get("to"));
            at = number(r.get("atNanos"));
            complete &= Boolean.TRUE.equals(r.get("complete"));
            moved += number(r.get("keysMoved"));
            bytes += number(r.get("bytesMoved"));
            tombstones += number(r.get("keysReceived")) - number(r.get("keysWithValueReceived"));
            parked += number(r.get("parked"));
            end = Math.max(end, number(r.get("endNanos")));
            p50 = Math.max(p50, number(r.get("latencyP50Nanos")));
            p99 = Math.max(p99, number(r.get("latencyP99Nanos")));
            count += number(r.get("latencyCount"));
            any = true;
        }
        if (!any) {
            return null;
        }
        return new Reshard(from, to, at, complete, moved, bytes, tombstones, parked,
                complete && end >= at ? end - at : -1, p50, p99, count);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
