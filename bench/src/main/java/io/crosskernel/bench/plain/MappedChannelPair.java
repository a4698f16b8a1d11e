package io.crosskernel.bench.plain;

import io.crosskernel.hypervisor.process.MappedChannelMemory;
import io.crosskernel.hypervisor.process.RunDirectory;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.nio.file.Path;

/**
 * The channel pair of {@link ChannelPair} with its two rings in files of a run directory (under
 * {@link #SHARED_MEMORY}, a memory file system), mapped by this process only: the memory a channel to a kernel in a
 * process of its own uses, with both ends still threads of one JVM. Between {@link ChannelPair} and
 * {@link ProcessChannelPair} it tells the cost of the kind of memory from the cost of the second process.
 *
 * <p>Threading: as {@link ChannelPair}; {@link #close()} on the measuring thread after the last segment.
 */
final class MappedChannelPair extends ChannelPair {
    static final String NAME = "crosskernel-mapped";
    /** Where the ring files go: the run directory parent a run with process-mode kernels uses by default. */
    static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private final RunDirectory dir;

    private MappedChannelPair(RunDirectory dir) {
        super(NAME, fabric(MappedChannelMemory.creating(dir, link -> true)));
        this.dir = dir;
    }

    static MappedChannelPair create() {
        RunDirectory dir = RunDirectory.create(SHARED_MEMORY, 2L * SpscChannel.ringBytes(PlainRoundTrip.CAPACITY));
        try {
            return new MappedChannelPair(dir);
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    @Override
    void close() {
        dir.close(); // the echo threads of every segment have been joined: nothing uses the mappings
    }
}
