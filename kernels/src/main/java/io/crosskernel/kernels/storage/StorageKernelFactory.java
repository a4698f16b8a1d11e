package io.crosskernel.kernels.storage;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.DiskUse;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import io.crosskernel.api.WorkCost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link StorageKernel}s for {@code type: storage}. Settings are those of {@link StorageSettings}; the kernel
 * takes exactly one core. Admission refuses a stage on this kernel whose {@code size} exceeds {@code maxValue} (which
 * also bounds every job's input), naming the workload.
 *
 * <p>Threading: stateless; called on the host thread during validation and boot.
 */
public final class StorageKernelFactory implements KernelFactory {
    @Override
    public String type() {
        return "storage";
    }

    @Override
    public String description() {
        return "durable put/get/delete on a CRC32C-checked append-only log, plus compress/checksum/encrypt jobs,"
                + " on one core";
    }

    /**
     * The storage kernel's real work and what a simulated run charges for it by default: measured with
     * {@code xk calibrate} on this project's 2-vCPU VM (docs/SIMULATION.md, "Work costs"), each a fixed part and a
     * part per KiB fitted through 1 KiB and 4 KiB. {@code put} appends to the log (sync {@code none}: the
     * page cache; a {@code delete}, which appends a tombstone, is charged as a put of no data), {@code get} reads a
     * value back through the index.
     */
    static final Map<String, WorkCost> MODELLED_WORK = Map.of(
            StorageKernel.PUT_WORK, new WorkCost(1_600, 1_700),
            StorageKernel.GET_WORK, new WorkCost(600, 0),
            StorageKernel.COMPRESS_WORK, new WorkCost(3_500, 7_500),
            StorageKernel.CHECKSUM_WORK, new WorkCost(42, 18),
            StorageKernel.ENCRYPT_WORK, new WorkCost(3_900, 0));

    @Override
    public Map<String, WorkCost> modelledWork() {
        return MODELLED_WORK;
    }

    @Override
    public Map<String, WorkCost> measureWork(Path scratchDir) {
        return StorageWorkMeter.measure(scratchDir);
    }

    @Override
    public Set<String> settingKeys() {
        return StorageSettings.ALL_KEYS;
    }

    @Override
    public void validate(KernelSpec spec) {
        if (spec.cores().size() != 1) {
            throw new InvalidSettingException("cores", "storage kernel '" + spec.name() + "' runs on exactly one"
                    + " core (its log and index are single-threaded), got " + spec.cores().size()
                    + ": write for example 'cores: [1]', and for more cores add storage kernels or make it a shard"
                    + " group ('shards: N' with N cores, docs/SHARDING.md)");
        }
        StorageSettings.parse(spec.settings());
    }

    @Override
    public void admit(KernelSpec spec, int kernelId, List<Source> sources) {
        StorageSettings settings = StorageSettings.parse(spec.settings());
        for (Source source : sources) {
            Route route = source.route();
            for (int s = 0; s < route.stages().size(); s++) {
                Stage stage = route.stage(s);
                if (!stage.runsOn(kernelId)) {
                    continue;
                }
                if (stage.op() == StageOp.ALLOCATE) {
                    throw new AdmissionException("stage " + s + " of workload '" + route.name() + "' asks for op"
                            + " 'allocate', which a storage kernel does not run: move that stage to a general kernel",
                            route.id(), s);
                }
                if (stage.op().needsLog() && route.keys() != null && route.keys().keyCount() > settings.keys()) {
                    throw new AdmissionException("workload '" + route.name() + "' draws from "
                            + route.keys().keyCount() + " keys, more than the " + settings.keys() + " this kernel"
                            + " keeps (its setting 'keys'): raise keys to at least " + route.keys().keyCount()
                            + " or lower the workload's kv keys", route.id(), s);
                }
                if (stage.sizeBytes() > settings.maxValue()) {
                    String bound = stage.op().needsLog() ? "maxValue" : "the " + stage.op()
                            + " job's largest input (maxValue)";
                    throw new AdmissionException("workload '" + route.name() + "' stage " + s + " (" + stage.op()
                            + ") has size " + stage.sizeBytes() + "B" + ", above " + bound + " "
                            + settings.maxValue() + "B" + ": lower its size or raise maxValue", route.id(), s);
                }
            }
        }
    }

    /** The log directory and the records the run's puts and deletes append (see {@link StorageDiskUse}). */
    @Override
    public List<DiskUse> diskUse(KernelSpec spec, int kernelId, List<Source> sources, long runNanos) {
        return List.of(StorageDiskUse.estimate(spec, kernelId, sources, runNanos));
    }

    @Override
    public Kernel create(KernelSpec spec) {
        validate(spec);
        StorageSettings settings = StorageSettings.parse(spec.settings());
        return new StorageKernel(settings, settings.directory(spec), spec.shard());
    }
}
