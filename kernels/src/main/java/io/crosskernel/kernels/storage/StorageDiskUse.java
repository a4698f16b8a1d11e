package io.crosskernel.kernels.storage;

import io.crosskernel.api.disk.ChronicleFootprint;
import io.crosskernel.api.disk.CycleFileSpace;
import io.crosskernel.api.DiskUse;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.List;

/**
 * The storage kernel's answer to {@link io.crosskernel.api.KernelFactory#diskUse}: its log directory and what a run
 * appends there. Every {@code put} stage on the kernel appends one record of {@link RecordLayout#OVERHEAD} + size
 * bytes per request, every {@code delete} one of {@link RecordLayout#OVERHEAD} bytes, each in one Chronicle document
 * ({@link ChronicleFootprint}); requests per stage are its source's expected arrivals over the run. The log allocates
 * its file in whole steps ahead of its writes ({@link CycleFileSpace#allocatedBytes}), so the estimate is what those
 * steps take, at least one step however few records a run writes. Gets and jobs write nothing. Requests that arrive from sockets cannot be counted before the run and are left out.
 *
 * <p>Stateless.
 */
final class StorageDiskUse {
    private StorageDiskUse() {
    }

    static DiskUse estimate(KernelSpec spec, int kernelId, List<Source> sources, long runNanos) {
        StorageSettings settings = StorageSettings.parse(spec.settings());
        long records = 0;
        long recordBytes = 0;
        for (Source source : sources) {
            Route route = source.route();
            long requests = -1;
            for (Stage stage : route.stages()) {
                boolean appends = stage.op() == StageOp.PUT || stage.op() == StageOp.DELETE || stage.op() == StageOp.MIX;
                if (!stage.runsOn(kernelId) || !appends) {
                    continue;
                }
                if (requests < 0) {
                    requests = source.schedule().expectedArrivals(runNanos);
                }
                long valueBytes = stage.op() == StageOp.PUT ? stage.sizeBytes() : 0;
                records += requests;
                recordBytes += requests * (RecordLayout.OVERHEAD + valueBytes);
            }
        }
        return new DiskUse("the storage log of kernel '" + spec.name() + "'", "kernel '" + spec.name() + "' dir",
                settings.directory(spec), ChronicleFootprint.QUEUE_BYTES
                        + CycleFileSpace.allocatedBytes(ChronicleFootprint.queueBytes(records, recordBytes)
                                - ChronicleFootprint.QUEUE_BYTES));
    }
}
