package io.crosskernel.api.miss;

/**
 * One deadline miss as a worker recorded it, read back by the host after the run. All times are the kernel clock's
 * nanoseconds.
 *
 * @param kind     whose deadline: a realtime task's or a workload's (route's)
 * @param subject  the task index on its kernel ({@link MissKind#TASK}) or the route id ({@link MissKind#ROUTE})
 * @param release  when the job or request was released
 * @param start    when the job started; for a route, when the request reached the kernel of its last stage
 * @param finish   when it finished
 * @param deadline the absolute deadline it missed
 * @param overran  whether its execution exceeded its budget (for a route: a stage on the completing kernel did)
 * @param busyFrom where the evidence window starts: the start of the recording kernel's busy period that held the
 *                 job (the last time it had nothing ready, when the kernel reports it, see
 *                 {@link MissLog#markIdle}), else the release
 */
public record Miss(MissKind kind, int subject, long release, long start, long finish, long deadline,
        boolean overran, long busyFrom) {

    /** A miss whose evidence window starts at its release. */
    public Miss(MissKind kind, int subject, long release, long start, long finish, long deadline, boolean overran) {
        this(kind, subject, release, start, finish, deadline, overran, release);
    }
}
