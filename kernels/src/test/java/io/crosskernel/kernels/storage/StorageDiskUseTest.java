package io.crosskernel.kernels.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.ChronicleFootprint;
import io.crosskernel.api.DiskUse;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage kernel's disk-use estimate: its directory, and the records its puts and deletes append. */
class StorageDiskUseTest {
    private static final long SECOND = 1_000_000_000L;
    private final StorageKernelFactory factory = new StorageKernelFactory();

    @Test
    void countsARecordPerPutAndDeleteOnThisKernelOverTheRun() {
        KernelSpec store = new KernelSpec("store", "storage", List.of(1), Map.of("dir", "/data/store"));
        // 1k/s for 2 s: 2000 requests, each a 256-byte put then a delete on kernel 1, and a get (writes nothing).
        Route writes = new Route(0, "writes", "stream", List.of(new Stage(0, "ingest", 1000, 1, 0),
                new Stage(1, "store", 0, 1, 0, StageOp.PUT, 256), new Stage(1, "store", 0, 1, 0, StageOp.GET, 0),
                new Stage(1, "store", 0, 1, 0, StageOp.DELETE, 0)), 0);
        // A put on another storage kernel (id 2) is not this kernel's.
        Route elsewhere = new Route(1, "elsewhere", "burst", List.of(new Stage(2, "other", 0, 1, 0, StageOp.PUT, 64)), 0);
        // Datagrams cannot be counted before the run.
        Route datagrams = new Route(2, "datagrams", "stream", List.of(new Stage(1, "store", 0, 1, 0, StageOp.PUT, 64)), 0);
        List<Source> sources = List.of(new Source(writes, new ConstantRateSchedule(1_000_000, 0, Long.MAX_VALUE)),
                new Source(elsewhere, new BurstSchedule(0, 500, 0, Long.MAX_VALUE)),
                new Source(datagrams, new ExternalArrivals("udp")));

        List<DiskUse> uses = factory.diskUse(store, 1, sources, 2 * SECOND);

        long puts = 2000 * (RecordLayout.OVERHEAD + 256L);
        long deletes = 2000L * RecordLayout.OVERHEAD;
        long documents = 4000 * ChronicleFootprint.DOCUMENT_OVERHEAD_BYTES + puts + deletes;
        assertThat(documents).as("fits one allocation step with its headroom").isLessThan((1 << 20) - (128 << 10));
        assertThat(uses).containsExactly(new DiskUse("the storage log of kernel 'store'", "kernel 'store' dir",
                Path.of("/data/store"), ChronicleFootprint.QUEUE_BYTES + (1 << 20)));
    }

    @Test
    void theLogTakesWholeAllocationStepsKeptAheadOfItsLastRecord() {
        assertThat(CycleFileSpace.allocatedBytes(0)).isZero();
        assertThat(CycleFileSpace.allocatedBytes(1)).isEqualTo(1 << 20);
        assertThat(CycleFileSpace.allocatedBytes((1 << 20) - (128 << 10))).isEqualTo(1 << 20);
        assertThat(CycleFileSpace.allocatedBytes((1 << 20) - (128 << 10) + 1)).isEqualTo(2 << 20);
        assertThat(CycleFileSpace.allocatedBytes(10L << 20)).isEqualTo(11L << 20);
    }

    @Test
    void aKernelWithNoWritesStillNamesItsDefaultDirectory() {
        KernelSpec store = new KernelSpec("cache", "storage", List.of(1), Map.of());
        Route reads = new Route(0, "reads", "stream", List.of(new Stage(0, "cache", 0, 1, 0, StageOp.GET, 0)), 0);

        List<DiskUse> uses = factory.diskUse(store, 0,
                List.of(new Source(reads, new ConstantRateSchedule(1000, 0, Long.MAX_VALUE))), SECOND);

        assertThat(uses).singleElement().satisfies(use -> {
            assertThat(use.directory()).isEqualTo(Path.of("xk-data", "cache"));
            assertThat(use.expectedBytes()).isEqualTo(ChronicleFootprint.QUEUE_BYTES);
        });
    }
}
