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
            assertThat(in).allSatisfy(c -> assertThat(c).isInstanceOf(ReceivingEnd.class));
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
        assertThat(fabric.inboundTo(1)).singleElement().satisfies(c -> assertThat(c.fromKernel()).isZero());
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
    void theEndsCountWhatTheKernelsHandedOverAndTookApartFromTheRing() {
        List<LinkSpec> links = List.of(new LinkSpec(0, "io", 1, "rt", 2, BackpressurePolicy.DROP_NEWEST),
                new LinkSpec(1, "rt", 0, "io", 2, BackpressurePolicy.RETRY));
        ChannelFabric fabric = new ChannelFabric(2, links, ChannelTestSupport.IGNORE_FAILURE);
        Envelope message = new Envelope();

        for (int i = 0; i < 3; i++) {
            fabric.outbound(0, 1).offer(message); // the third is dropped: counted as sent and rejected
            fabric.outbound(1, 0).offer(message); // the third is backpressured: the sender kept it, not sent
        }
        assertThat(fabric.inboundTo(1).get(0).drain(e -> { }, 1)).isEqualTo(1);

        List<ChannelAccount> accounts = fabric.accounts();
        assertThat(accounts.get(0)).satisfies(a -> {
            assertThat(a.sent()).isEqualTo(3);
            assertThat(a.received()).isEqualTo(1);
            assertThat(a.stats().inFlight()).isEqualTo(1);
            assertThat(a.stats().rejected()).isEqualTo(1);
            assertThat(a.balanced()).isTrue();
            assertThat(a.problem()).isNull();
        });
        assertThat(accounts.get(1)).satisfies(a -> {
            assertThat(a.sent()).isEqualTo(2);
            assertThat(a.received()).isZero();
            assertThat(a.stats().backpressured()).isEqualTo(1);
            assertThat(a.balanced()).isTrue();
        });
    }

    @Test
    void theReceiverCountsAMessageWhoseHandlerThrows() {
        ChannelFabric fabric = new ChannelFabric(2, List.of(new LinkSpec(0, "io", 1, "rt", 4,
                BackpressurePolicy.RETRY)), ChannelTestSupport.IGNORE_FAILURE);
        fabric.outbound(0, 1).offer(new Envelope());

        assertThatThrownBy(() -> fabric.inboundTo(1).get(0).drain(e -> {
            throw new IllegalStateException("task failed");
        }, 4)).hasMessage("task failed");

        ChannelAccount account = fabric.accounts().get(0);
        assertThat(account.received()).isEqualTo(1);
        assertThat(account.stats().delivered()).isEqualTo(1);
        assertThat(account.balanced()).isTrue();
    }

    @Test
    void aMessageLostInsideTheChannelUnbalancesItsAccount() {
        ChannelFabric fabric = new ChannelFabric(2, List.of(new LinkSpec(0, "io", 1, "rt", 8,
                BackpressurePolicy.RETRY)), ChannelTestSupport.IGNORE_FAILURE, ChannelFaults.loseOne("io->rt", 2));
        for (int i = 0; i < 3; i++) {
            assertThat(fabric.outbound(0, 1).offer(new Envelope())).isEqualTo(SendResult.SENT);
        }
        fabric.inboundTo(1).get(0).drain(e -> { }, 8);

        ChannelAccount account = fabric.accounts().get(0);
        // The channel's own figures still agree with each other: only the independent counts see the loss.
        assertThat(account.stats().offered()).isEqualTo(account.stats().delivered()).isEqualTo(2);
        assertThat(account.balanced()).isFalse();
        assertThat(account.problem()).isEqualTo("channel io->rt: sent 3 != received 2 + in flight 0 + rejected 0"
                + " (1 message lost inside the channel)");
    }

    @Test
    void aMessageDuplicatedInsideTheChannelUnbalancesItsAccount() {
        ChannelFabric fabric = new ChannelFabric(2, List.of(new LinkSpec(0, "io", 1, "rt", 8,
                BackpressurePolicy.RETRY)), ChannelTestSupport.IGNORE_FAILURE,
                ChannelFaults.duplicateOne("io->rt", 1));
        for (int i = 0; i < 3; i++) {
            fabric.outbound(0, 1).offer(new Envelope());
        }
        fabric.inboundTo(1).get(0).drain(e -> { }, 2);

        ChannelAccount account = fabric.accounts().get(0);
        assertThat(account.balanced()).isFalse();
        assertThat(account.problem()).isEqualTo("channel io->rt: sent 3 != received 2 + in flight 2 + rejected 0"
                + " (1 message duplicated inside the channel)");
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
