package io.crosskernel.hypervisor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuListTest {

    @Test
    void parsesRangesAndSingleCpus() {
        assertThat(CpuList.parse("0-3,5")).containsExactly(0, 1, 2, 3, 5);
        assertThat(CpuList.parse("7")).containsExactly(7);
        assertThat(CpuList.parse("0-1\n")).containsExactly(0, 1);
        assertThat(CpuList.parse(" 2 , 0 - 1 ")).containsExactly(0, 1, 2);
    }

    @Test
    void parsesEmptyAndBlankAsNoCpus() {
        assertThat(CpuList.parse("")).isEmpty();
        assertThat(CpuList.parse("\n")).isEmpty();
    }

    @Test
    void parseSortsAndDropsDuplicates() {
        assertThat(CpuList.parse("5,1-2,2,0")).containsExactly(0, 1, 2, 5);
    }

    @Test
    void formatsRunsAsRanges() {
        assertThat(CpuList.format(List.of(0, 1, 2, 3, 5))).isEqualTo("0-3,5");
        assertThat(CpuList.format(List.of(5, 3, 3, 4, 9, 0))).isEqualTo("0,3-5,9");
        assertThat(CpuList.format(List.of(0, 1))).isEqualTo("0-1");
        assertThat(CpuList.format(List.of())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a        | 'a' in cpu list 'a' is not a CPU number (expected e.g. 0-3,5)",
        "1-       | '' in cpu list '1-' is not a CPU number",
        "-1       | '' in cpu list '-1' is not a CPU number",
        "3-1      | range '3-1' in cpu list '3-1' runs backwards",
        "'1,,2'   | empty entry in cpu list '1,,2'",
        "'1,'     | empty entry in cpu list '1,'",
        "1-2-3    | '2-3' in cpu list '1-2-3' is not a CPU number",
        "0x1      | '0x1' in cpu list '0x1' is not a CPU number",
        "0-70000  | CPU 70000 in cpu list '0-70000' is above the largest supported CPU 65535",
        "99999999999 | '99999999999' in cpu list '99999999999' is not a CPU number",
    })
    void rejectsMalformedListsNamingTheBadPart(String text, String message) {
        assertThatThrownBy(() -> CpuList.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void rejectsNullText() {
        assertThatThrownBy(() -> CpuList.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpu list is null");
    }

    @Test
    void formatRejectsNegativeAndNullCpus() {
        assertThatThrownBy(() -> CpuList.format(List.of(1, -2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
        List<Integer> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> CpuList.format(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @Property(tries = 500)
    void parseOfFormatGivesBackTheSortedDistinctCpus(
            @ForAll @Size(max = 40) List<@IntRange(max = 300) Integer> cpus) {
        Set<Integer> expected = new TreeSet<>(cpus);

        assertThat(CpuList.parse(CpuList.format(cpus))).containsExactlyElementsOf(expected);
    }

    @Property(tries = 500)
    void formatIsCanonical(@ForAll @Size(max = 40) List<@IntRange(max = 300) Integer> cpus) {
        String text = CpuList.format(cpus);

        assertThat(CpuList.format(CpuList.parse(text))).isEqualTo(text);
        assertThat(text).doesNotContain(",,").doesNotStartWith(",").doesNotEndWith(",");
    }
}
