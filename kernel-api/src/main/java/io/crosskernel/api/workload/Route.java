package io.crosskernel.api.workload;

import java.util.List;

/**
 * The path a request takes: stages run in order, each on its kernel; a hop between stages on different kernels is a
 * channel message.
 *
 * @param id            dense index of the route in the run, from 0
 * @param name          the workload entry's name, for reports
 * @param kind          what produced it: {@code periodic}, {@code stream} or {@code burst}
 * @param stages        at least one stage
 * @param deadlineNanos end-to-end deadline relative to the request's release; 0 means none
 * @param keys          the keys its source gives its requests (as their payload) and the op mix of its {@code mix}
 *                      stages; null when the workload declares no {@code kv:} (the payload is then the request's
 *                      per-route sequence number)
 */
public record Route(int id, String name, String kind, List<Stage> stages, long deadlineNanos, KeyWorkload keys) {
    /** A route whose payload is its per-route sequence number. */
    public Route(int id, String name, String kind, List<Stage> stages, long deadlineNanos) {
        this(id, name, kind, stages, deadlineNanos, null);
    }

    public Route {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("route '" + name + "' needs at least one stage");
        }
        if (deadlineNanos < 0) {
            throw new IllegalArgumentException("deadline must not be negative, got " + deadlineNanos + "ns");
        }
    }

    /** @return the stage at {@code index} */
    public Stage stage(int index) {
        return stages.get(index);
    }

    /** @return true when {@code index} is the route's last stage */
    public boolean isLastStage(int index) {
        return index == stages.size() - 1;
    }
}
