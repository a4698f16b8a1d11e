package io.crosskernel.kernels.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestRingTest {

    @Test
    void drainsInArrivalOrderWithEveryField() {
        RequestRing ring = new RequestRing(4);
        assertThat(ring.offer(1, 100, 0, 0)).isTrue();
        assertThat(ring.offer(2, 200, 3, 0xABCDEF0000000000L)).isTrue();
        RecordingSink out = new RecordingSink();

        assertThat(ring.drainTo(out, 10)).isEqualTo(2);

        assertThat(out.requests).containsExactly(
                new RecordingSink.Request(1, 100, 0, 0),
                new RecordingSink.Request(2, 200, 3, 0xABCDEF0000000000L));
        assertThat(ring.size()).isZero();
        assertThat(ring.drained()).isEqualTo(2);
    }

    @Test
    void countsEveryOfferBeyondCapacityAsRejected() {
        RequestRing ring = new RequestRing(3);
        int taken = 0;
        for (int i = 0; i < 10; i++) {
            taken += ring.offer(i, i, 0, 0) ? 1 : 0;
        }
        assertThat(taken).isEqualTo(3);
        assertThat(ring.accepted()).isEqualTo(3);
        assertThat(ring.rejected()).isEqualTo(7);
        assertThat(ring.highWaterMark()).isEqualTo(3);
    }

    @Test
    void keepsARefusedRequestAtTheHeadForTheNextDrain() {
        RequestRing ring = new RequestRing(8);
        for (int i = 0; i < 5; i++) {
            ring.offer(i, 0, 0, 0);
        }
        RecordingSink smallDownstream = new RecordingSink(2);

        assertThat(ring.drainTo(smallDownstream, 10)).isEqualTo(2);
        assertThat(ring.size()).isEqualTo(3);

        RecordingSink rest = new RecordingSink();
        assertThat(ring.drainTo(rest, 10)).isEqualTo(3);
        assertThat(rest.ids()).containsExactly(2L, 3L, 4L);
    }

    @Test
    void drainsNoMoreThanTheLimit() {
        RequestRing ring = new RequestRing(8);
        for (int i = 0; i < 5; i++) {
            ring.offer(i, 0, 0, 0);
        }
        RecordingSink out = new RecordingSink();
        assertThat(ring.drainTo(out, 2)).isEqualTo(2);
        assertThat(out.ids()).containsExactly(0L, 1L);
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> new RequestRing(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The ring behaves like a bounded FIFO queue under any interleaving of offers and drains (wrap-around too). */
    @Property(tries = 300)
    void behavesLikeABoundedQueue(@ForAll @IntRange(min = 1, max = 9) int capacity,
                                  @ForAll("operations") List<Integer> operations) {
        RequestRing ring = new RequestRing(capacity);
        ArrayDeque<Long> model = new ArrayDeque<>();
        long nextId = 0;
        long rejected = 0;
        for (int op : operations) {
            if (op >= 0) { // offer one request
                long id = nextId++;
                boolean modelTakes = model.size() < capacity;
                assertThat(ring.offer(id, id * 10, (int) (id % 5), ~id)).isEqualTo(modelTakes);
                if (modelTakes) {
                    model.addLast(id);
                } else {
                    rejected++;
                }
            } else { // drain up to -op, downstream taking at most one fewer than asked (exercises refusals)
                int limit = -op;
                RecordingSink out = new RecordingSink(Math.max(0, limit - 1));
                int drained = ring.drainTo(out, limit);
                assertThat(drained).isEqualTo(Math.min(model.size(), Math.max(0, limit - 1)));
                for (RecordingSink.Request r : out.requests) {
                    long expected = model.removeFirst();
                    assertThat(r).isEqualTo(new RecordingSink.Request(expected, expected * 10,
                            (int) (expected % 5), ~expected));
                }
            }
            assertThat(ring.size()).isEqualTo(model.size());
        }
        assertThat(ring.rejected()).isEqualTo(rejected);
        assertThat(ring.accepted() - ring.drained()).isEqualTo(model.size());
    }

    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(-6, 4).list().ofMaxSize(60);
    }
}
