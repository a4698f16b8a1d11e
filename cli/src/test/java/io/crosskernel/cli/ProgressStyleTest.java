package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgressStyleTest {
    @Test
    void autoRedrawsOnlyOnATerminalThatIsNotDumb() {
        assertThat(ProgressStyle.choose("auto", true, "xterm-256color")).isEqualTo(ProgressStyle.ANSI);
        assertThat(ProgressStyle.choose("auto", false, "xterm-256color")).isEqualTo(ProgressStyle.PLAIN);
        assertThat(ProgressStyle.choose("auto", true, "dumb")).isEqualTo(ProgressStyle.PLAIN);
        assertThat(ProgressStyle.choose("auto", true, null)).isEqualTo(ProgressStyle.PLAIN);
    }

    @Test
    void ansiAndPlainForceTheStyleWhateverTheTerminal() {
        assertThat(ProgressStyle.choose("ANSI", false, null)).isEqualTo(ProgressStyle.ANSI);
        assertThat(ProgressStyle.choose("plain", true, "xterm")).isEqualTo(ProgressStyle.PLAIN);
    }

    @Test
    void anUnknownModeSaysWhichOnesExist() {
        assertThatThrownBy(() -> ProgressStyle.choose("fancy", true, "xterm"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("auto, ansi or plain")
                .hasMessageContaining("fancy");
    }
}
