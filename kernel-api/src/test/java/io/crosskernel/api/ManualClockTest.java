package io.crosskernel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void movesOnlyWhenToldAndNeverBackwards() {
        ManualClock clock = new ManualClock(100);
        assertThat(clock.nanoTime()).isEqualTo(100);
        assertThat(clock.advance(50)).isEqualTo(150);
        clock.set(200);
        assertThat(clock.nanoTime()).isEqualTo(200);
        assertThatThrownBy(() -> clock.set(199)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
