package io.crosskernel.hypervisor.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelFabricTest {
    private static final String[] NAMES = {"io", "rt", "store"};

    private static List<LinkSpec> fullMesh(int kernels) {
        List<LinkSpec> links = new ArrayList<>();
        for (int from = 0; from < kernels; from++) {
            for (int to = 0; to < kernels; to++) {
                if (from != to) {
                    links.add(new LinkSpec(from, NAMES[from], to, NAMES[to], 8, BackpressurePolicy.RETRY));
                }
            }
        }
        return links;
    }

    @Test
    void fullMeshOfThreeKernelsHasSixChannelsAndNoSelfLinks() {
        ChannelFabric fabric = new ChannelFabric(3, fullMesh(3), ChannelTestSupport.IGNORE_FAILURE);

        assertThat(fabric.channels()).hasSize(6);
        assertThat(fabric.stats()).extracting(ChannelStats::label)
                .containsExactly("io->rt", "io->store", "rt->io", "rt->store", "store->io", "store->rt");
        for (int k = 0; k < 3; k++) {
            assertThat(fabric.outbound(k, k)).isNull();
        }
        for (int from = 0; from < 3; from++) {
            for (int to = 0; to < 3; to++) {
                if (from != to) {
                    OutboundChannel out = fabric.outbound(from, to);
                    assertThat(out.fromKernel()).isEqualTo(from);
                    assertThat(out.toKernel()).isEqualTo(to);
                }
            }
        }
    }

    @Test
    void inboundToListsExactlyTheChannelsIntoThatKernel() {
        ChannelFabric fabric = new ChannelFabric(3, fullMesh(3), ChannelTestSupport.IGNORE_FAILURE);

        for (int k = 0; k < 3; k++) {
            List<InboundChannel> in = fabric.inboundTo(k);
            assertThat(in).hasSize(2);
            int kernel = k;
            assertThat(in).allSatisfy(c -> assertThat(c.toKernel()).isEqualTo(kernel));
            assertThat(in).extracting(InboundChannel::fromKernel).doesNotHaveDuplicates().doesNotContain(k);
            assertThat(in).allSatisfy(c -> assertThat(c).isSameAs(fabric.outbound(c.fromKernel(), kernel)));
        }
    }

    @Test
    void unlinkedPairsAnswerNullAndAKernelWithNoInboundHasAnEmptyList() {
        List<LinkSpec> pipeline = List.of(new LinkSpec(0, "io", 1, "rt", 4, BackpressurePolicy.DROP_NEWEST));
        ChannelFabric fabric = new ChannelFabric(3, pipeline, ChannelTestSupport.IGNORE_FAILURE);

        assertThat(fabric.outbound(1, 0)).isNull();
        assertThat(fabric.outbound(0, 2)).isNull();
        assertThat(fabric.inboundTo(0)).isEmpty();
        assertThat(fabric.inboundTo(2)).isEmpty();
        assertThat(fabric.inboundTo(1)).containsExactly(fabric.channels().get(0));
        assertThatThrownBy(() -> fabric.outbound(0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void inFlightSumsOverEveryChannel() {
        ChannelFabric fabric = new ChannelFabric(3, fullMesh(3), ChannelTestSupport.IGNORE_FAILURE);
        Envelope message = new Envelope();

        assertThat(fabric.outbound(0, 1).offer(message)).isEqualTo(SendResult.SENT);
        assertThat(fabric.outbound(0, 1).offer(message)).isEqualTo(SendResult.SENT);
        assertThat(fabric.outbound(2, 0).offer(message)).isEqualTo(SendResult.SENT);
        assertThat(fabric.inFlight()).isEqualTo(3);

        fabric.inboundTo(1).get(0).drain(e -> { }, 10);
        assertThat(fabric.inFlight()).isEqualTo(1);
    }

    @Test
    void rejectsDuplicateLinksAndKernelsOutsideTheRun() {
        LinkSpec link = new LinkSpec(0, "io", 1, "rt", 4, BackpressurePolicy.RETRY);
        assertThatThrownBy(() -> new ChannelFabric(2, List.of(link, link), ChannelTestSupport.IGNORE_FAILURE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("io->rt").hasMessageContaining("twice");
        assertThatThrownBy(() -> new ChannelFabric(1, List.of(link), ChannelTestSupport.IGNORE_FAILURE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel 1");
    }
}
