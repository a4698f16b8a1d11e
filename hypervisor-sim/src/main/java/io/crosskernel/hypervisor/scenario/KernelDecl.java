package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.ShardId;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code kernels:}.
 *
 * @param id          index in the scenario's kernel list
 * @param name        unique name, {@code [a-z][a-z0-9-_]*}
 * @param type        a registered {@link io.crosskernel.api.KernelFactory#type()}
 * @param cores       the cores asked for, in the order written (worker i runs on cores.get(i))
 * @param idle        idle strategy name (default {@code backoff})
 * @param settings    type-specific settings as written
 * @param pos         where the entry starts
 * @param coresPos    where {@code cores:} is written, for partition errors
 * @param settingPos  where each setting key is written, for {@link io.crosskernel.api.InvalidSettingException}
 * @param isolation   threads in the host's JVM or a process of its own ({@code isolation:}, else
 *                    {@code host.isolation}, else {@code thread})
 * @param isolationPos where the isolation was decided: the kernel's {@code isolation:}, {@code host.isolation}, or
 *                    the kernel entry when neither is written
 * @param jvm         the JVM settings of a process-mode kernel ({@code jvm:}); {@link JvmSettings#NONE} otherwise
 * @param shard       which shard of a group this kernel is ({@code shards:} on the entry booted it), or null
 */
public record KernelDecl(int id, String name, String type, List<Integer> cores, String idle,
        Map<String, String> settings, SourcePos pos, SourcePos coresPos, Map<String, SourcePos> settingPos,
        Isolation isolation, SourcePos isolationPos, JvmSettings jvm, ShardId shard) {
    public KernelDecl {
        java.util.Objects.requireNonNull(jvm, "jvm");
        cores = List.copyOf(cores);
        settings = Map.copyOf(settings);
        settingPos = Map.copyOf(settingPos);
        java.util.Objects.requireNonNull(isolation, "isolation");
    }

    /** A kernel without JVM settings of its own. */
    public KernelDecl(int id, String name, String type, List<Integer> cores, String idle,
            Map<String, String> settings, SourcePos pos, SourcePos coresPos, Map<String, SourcePos> settingPos,
            Isolation isolation, SourcePos isolationPos) {
        this(id, name, type, cores, idle, settings, pos, coresPos, settingPos, isolation, isolationPos,
                JvmSettings.NONE);
    }

    /** A kernel that is no shard. */
    public KernelDecl(int id, String name, String type, List<Integer> cores, String idle,
            Map<String, String> settings, SourcePos pos, SourcePos coresPos, Map<String, SourcePos> settingPos,
            Isolation isolation, SourcePos isolationPos, JvmSettings jvm) {
        this(id, name, type, cores, idle, settings, pos, coresPos, settingPos, isolation, isolationPos, jvm, null);
    }

    /** A kernel in thread isolation (the default). */
    public KernelDecl(int id, String name, String type, List<Integer> cores, String idle,
            Map<String, String> settings, SourcePos pos, SourcePos coresPos, Map<String, SourcePos> settingPos) {
        this(id, name, type, cores, idle, settings, pos, coresPos, settingPos, Isolation.THREAD, pos);
    }

    /** True when the kernel is a shard of a group: its group's first shard has id {@code id - shard.index()}. */
    public boolean isShard() {
        return shard != null;
    }

    /** True when the kernel runs in a child JVM of its own. */
    public boolean inProcess() {
        return isolation == Isolation.PROCESS;
    }

    /** The part of this declaration a {@link io.crosskernel.api.KernelFactory} sees. */
    public KernelSpec toSpec() {
        return new KernelSpec(name, type, cores, settings, shard);
    }
}
