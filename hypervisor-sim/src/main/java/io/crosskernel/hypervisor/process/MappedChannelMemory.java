package io.crosskernel.hypervisor.process;

import io.crosskernel.hypervisor.channel.ChannelMemory;
import io.crosskernel.hypervisor.channel.LinkSpec;
import java.nio.MappedByteBuffer;
import java.util.function.Predicate;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Channel memory for a run with process-mode kernels: the ring of each link {@code mapped} selects is a file of the
 * run directory ({@code channel-<from>-<to>.ring}, the ring's records and Agrona's trailer, nothing else), the others
 * stay in direct memory of this process.
 *
 * <p>The host {@linkplain #creating creates} the files, zeroed (an empty ring); a kernel process
 * {@linkplain #opening opens} the ones it uses, as they are. Either way the {@link RunDirectory} unmaps them.
 *
 * <p>Threading: the thread that builds the fabric.
 */
public final class MappedChannelMemory implements ChannelMemory {
    private final RunDirectory dir;
    private final Predicate<LinkSpec> mapped;
    private final boolean create;
    private long mappedBytes;

    private MappedChannelMemory(RunDirectory dir, Predicate<LinkSpec> mapped, boolean create) {
        this.dir = dir;
        this.mapped = mapped;
        this.create = create;
    }

    /** Host: new ring files for the links {@code mapped} selects. */
    public static MappedChannelMemory creating(RunDirectory dir, Predicate<LinkSpec> mapped) {
        return new MappedChannelMemory(dir, mapped, true);
    }

    /** Kernel process: the host's ring files of the links {@code mapped} selects. */
    public static MappedChannelMemory opening(RunDirectory dir, Predicate<LinkSpec> mapped) {
        return new MappedChannelMemory(dir, mapped, false);
    }

    /** The name of {@code link}'s ring file in the run directory. */
    public static String fileName(LinkSpec link) {
        return "channel-" + link.fromName() + "-" + link.toName() + ".ring";
    }

    @Override
    public AtomicBuffer ringFor(LinkSpec link, int bytes) {
        if (!mapped.test(link)) {
            return ChannelMemory.DIRECT.ringFor(link, bytes);
        }
        MappedByteBuffer file = create ? dir.mapNew(fileName(link), bytes) : dir.mapExisting(fileName(link));
        if (file.capacity() != bytes) {
            throw new RunDirectoryException("ring file " + fileName(link) + " of " + dir.path() + " has "
                    + file.capacity() + " bytes, channel " + link.label() + " needs " + bytes);
        }
        mappedBytes += bytes;
        return new UnsafeBuffer(file);
    }

    /** Bytes mapped so far. */
    public long mappedBytes() {
        return mappedBytes;
    }
}
