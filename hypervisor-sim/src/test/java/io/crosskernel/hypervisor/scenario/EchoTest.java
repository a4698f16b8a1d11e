package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void showsInvisibleCharactersByCodePoint() {
        assertThat(Echo.quote("dur\uFEFFation")).isEqualTo("'dur<U+FEFF>ation'");
        assertThat(Echo.quote("a\u200Bb\tc\u0000")).isEqualTo("'a<U+200B>b<U+0009>c<U+0000>'");
        assertThat(Echo.quote("plain µs value")).isEqualTo("'plain µs value'");
    }

    @Test
    void cutsLongTextAndSaysHowLongItWas() {
        String name = "a".repeat(100_000);

        assertThat(Echo.quote(name)).isEqualTo("'" + "a".repeat(Echo.KEPT) + "… (100000 characters)'");
        assertThat(Echo.quote("b".repeat(Echo.MAX_ECHO))).isEqualTo("'" + "b".repeat(Echo.MAX_ECHO) + "'");
    }

    @Test
    void namesACharacterByCodePointAndUnicodeName() {
        assertThat(Echo.name(0xFEFF)).isEqualTo("U+FEFF (zero width no-break space)");
        assertThat(Echo.name(0)).isEqualTo("U+0000 (null)");
    }

    @Test
    void clipCutsOnlyOverlongWordsAndEscapesInvisibleCharacters() {
        String message = "got '" + "x".repeat(5_000) + "': write a number\u200B";

        assertThat(Echo.clip(message)).isEqualTo("got '" + "x".repeat(Echo.KEPT - 1)
                + "… (5003 characters) write a number<U+200B>");
        assertThat(Echo.clip("short words stay as they are")).isEqualTo("short words stay as they are");
    }

    @Test
    void everyScenarioExceptionIsOneReadableLine() {
        ScenarioException e = new ScenarioException(new SourcePos(null, 1, 1), "bad\nvalue '" + "y".repeat(300)
                + "'", "fix\u0000it");

        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0000").hasSizeLessThan(200);
    }
}
