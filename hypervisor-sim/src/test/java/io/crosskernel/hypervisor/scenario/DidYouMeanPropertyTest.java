package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DidYouMeanPropertyTest {
    /** Every key list the parser checks against, so the property covers the real vocabulary. */
    private static final List<List<String>> KEY_SETS = List.of(ScenarioParser.TOP_KEYS, ScenarioParser.HOST_KEYS,
            ScenarioParser.KERNEL_KEYS, ChannelReader.CHANNEL_KEYS, ChannelReader.LINK_KEYS,
            WorkloadReader.ENTRY_KEYS, WorkloadReader.STAGE_KEYS, WorkloadReader.PERIODIC_KEYS,
            WorkloadReader.STREAM_KEYS, WorkloadReader.BURST_KEYS);

    record Typo(List<String> keys, String key, String typo) {
    }

    @Provide
    Arbitrary<Typo> oneLetterTypos() {
        Arbitrary<List<String>> keySets = Arbitraries.of(KEY_SETS);
        return keySets.flatMap(keys -> Arbitraries.of(keys).flatMap(key -> Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, key.length()),
                Arbitraries.chars().range('a', 'z'))
                .as((kind, at, letter) -> new Typo(keys, key, edit(key, kind, at, letter)))));
    }

    private static String edit(String key, int kind, int at, char letter) {
        int i = Math.min(at, key.length() - 1);
        switch (kind) {
            case 0:
                return key.substring(0, at) + letter + key.substring(at);
            case 1:
                return key.length() == 1 ? key : key.substring(0, i) + key.substring(i + 1);
            default:
                return key.substring(0, i) + letter + key.substring(i + 1);
        }
    }

    @Property
    void oneLetterTypoSuggestsTheKeyUnlessAnotherKeyIsAsClose(@ForAll("oneLetterTypos") Typo t) {
        String suggestion = DidYouMean.suggest(t.typo(), t.keys());

        assertThat(suggestion).as("typo %s of %s", t.typo(), t.key()).isNotNull();
        long asClose = t.keys().stream()
                .filter(k -> !k.equals(t.key()))
                .filter(k -> plainDistance(k, t.typo()) <= plainDistance(t.key(), t.typo()))
                .count();
        if (asClose == 0) {
            assertThat(suggestion).isEqualTo(t.key());
        } else {
            assertThat(plainDistance(suggestion, t.typo())).isLessThanOrEqualTo(plainDistance(t.key(), t.typo()));
        }
    }

    @Property
    void neverSuggestsAFarName(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String wrong,
            @ForAll("keySets") List<String> keys) {
        String suggestion = DidYouMean.suggest(wrong, keys);

        if (suggestion != null) {
            int longer = Math.max(plain(suggestion).length(), plain(wrong).length());
            assertThat(plainDistance(suggestion, wrong)).isLessThanOrEqualTo(
                    longer <= DidYouMean.SHORT_NAME ? DidYouMean.SHORT_NAME_EDITS : DidYouMean.MAX_DISTANCE);
        }
    }

    @Provide
    Arbitrary<List<String>> keySets() {
        return Arbitraries.of(KEY_SETS);
    }

    @Test
    void shortNamesAreNotTakenForOtherShortNames() {
        // Two edits turn any two- or three-letter name into any other: these were real, useless suggestions.
        assertThat(DidYouMean.suggest("cnt", WorkloadReader.BURST_KEYS)).isEqualTo("count");
        assertThat(DidYouMean.suggest("sz", WorkloadReader.STAGE_KEYS)).isNull();
        assertThat(DidYouMean.suggest("rt", List.of("compute", "general", "io", "realtime", "storage"))).isNull();
        assertThat(DidYouMean.suggest("ta", WorkloadReader.BURST_KEYS)).isEqualTo("at");
    }

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertThat(DidYouMean.distance("cots", "cost")).isEqualTo(1);
        assertThat(DidYouMean.suggest("cots", WorkloadReader.STAGE_KEYS)).isEqualTo("cost");
        assertThat(DidYouMean.suggest("wroker", List.of("ingest", "worker"))).isEqualTo("worker");
    }

    @Test
    void invisibleCharactersDoNotCountAsEdits() {
        assertThat(DidYouMean.suggest("dur\uFEFFation", ScenarioParser.TOP_KEYS)).isEqualTo("duration");
    }

    @Property
    void distanceIsSymmetricAndBoundedByTheLongerLength(@ForAll @StringLength(max = 10) String a,
            @ForAll @StringLength(max = 10) String b) {
        int d = DidYouMean.distance(a, b);

        assertThat(d).isEqualTo(DidYouMean.distance(b, a)).isLessThanOrEqualTo(Math.max(a.length(), b.length()));
        assertThat(d == 0).isEqualTo(a.equals(b));
    }

    @Test
    void hintListsTheValidNamesWhenNothingIsClose() {
        assertThat(DidYouMean.hint("zzzzzz", List.of("from", "to"), "keys")).isEqualTo("valid keys: from, to");
        assertThat(DidYouMean.hint("DURATION", ScenarioParser.TOP_KEYS, "keys")).isEqualTo("did you mean 'duration'?");
    }

    private static int plainDistance(String a, String b) {
        return DidYouMean.distance(plain(a), plain(b));
    }

    private static String plain(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
