package io.crosskernel.bench.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every transport, the ablations included, carries each value there and back intact and in order. */
@Timeout(60)
class TransportsTest {
    private static final int ROUND_TRIPS = 20_000;

    @Test
    void everyTransportEchoesEveryValueInOrder() throws Exception {
        List<String> names = new ArrayList<>(Transports.ALL);
        names.add(Transports.JCTOOLS_POOLED);
        names.add(Transports.AGRONA_RING);
        names.add(Transports.CROSSKERNEL_TIMED);
        names.add(Transports.CROSSKERNEL_METERED);
        for (String name : names) {
            PingPongTransport transport = Transports.create(name);
            assertThat(transport.name()).isEqualTo(name);
            try (EchoThread echo = EchoThread.start(transport, io.crosskernel.bench.BenchFlags.ECHO_CPU)) {
                for (long value = 1; value <= ROUND_TRIPS; value++) {
                    assertThat(transport.roundTrip(value)).as(name).isEqualTo(value);
                }
            }
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Transports.create("carrier-pigeon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volatile");
    }
}
