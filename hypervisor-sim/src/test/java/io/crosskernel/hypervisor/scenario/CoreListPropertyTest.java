package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import io.crosskernel.hypervisor.topology.CpuList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class CoreListPropertyTest {

    @Property
    void formatThenParseGivesTheSortedCores(
            @ForAll @Size(min = 1, max = 64) Set<@IntRange(min = 0, max = CoreList.MAX_CORE) Integer> cores) {
        String text = CpuList.format(cores);

        assertThat(CoreList.parse(text)).containsExactlyElementsOf(new TreeSet<>(cores));
        assertThat(text).matches("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*");
    }

    @Property
    void plainListKeepsTheOrderWritten(
            @ForAll @Size(min = 1, max = 32) @UniqueElements List<@IntRange(min = 0, max = 300) Integer> cores) {
        String text = cores.stream().map(String::valueOf).collect(Collectors.joining(", "));

        assertThat(CoreList.parse(text)).containsExactlyElementsOf(cores);
    }

    @Property
    void rangeExpandsToEveryCoreInIt(@ForAll @IntRange(min = 0, max = 200) int first,
            @ForAll @IntRange(min = 0, max = 50) int extra) {
        List<Integer> expected = new ArrayList<>();
        for (int c = first; c <= first + extra; c++) {
            expected.add(c);
        }

        assertThat(CoreList.parse(first + "-" + (first + extra))).containsExactlyElementsOf(expected);
    }

    @Test
    void rejectsMalformedLists() {
        assertThatThrownBy(() -> CoreList.parse("1,,2")).hasMessageContaining("'' is not a core number");
        assertThatThrownBy(() -> CoreList.parse("a-3")).hasMessageContaining("'a' is not a core number");
        assertThatThrownBy(() -> CoreList.parse("0-2,2")).hasMessageContaining("core 2 is listed twice");
        assertThatThrownBy(() -> CoreList.parse("4096")).hasMessageContaining("above the highest supported core");
        assertThatThrownBy(() -> CoreList.parse(" ")).hasMessageContaining("empty");
    }
}
