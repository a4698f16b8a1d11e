package io.crosskernel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "10ns, 10", "250us, 250000", "250µs, 250000", "1ms, 1000000", "1.5s, 1500000000",
            "2m, 120000000000", "1h, 3600000000000", "1_000ns, 1000", "' 5 ms ', 5000000"})
    void parsesDurations(String text, long nanos) {
        assertThat(Units.parseDurationNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "ms", "5 parsecs", "-1ms", "1..5s", "5sec"})
    void rejectsMalformedDurationsWithAnExample(String text) {
        assertThatThrownBy(() -> Units.parseDurationNanos(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("for example");
    }

    @ParameterizedTest
    @CsvSource({"200k/s, 200000", "1000/s, 1000", "1.5M/s, 1500000", "2/ms, 2000", "0.5/s, 0.5", "1G/s, 1e9",
            "3/us, 3000000"})
    void parsesRates(String text, double perSecond) {
        assertThat(Units.parseRatePerSecond(text)).isEqualTo(perSecond);
    }

    @ParameterizedTest
    @ValueSource(strings = {"200k", "/s", "k/s", "200k/h", "0/s", "fast"})
    void rejectsMalformedRates(String text) {
        assertThatThrownBy(() -> Units.parseRatePerSecond(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "rate" : text);
    }

    @ParameterizedTest
    @CsvSource({"64KiB, 65536", "1MiB, 1048576", "1GiB, 1073741824", "1KB, 1000", "2MB, 2000000", "512, 512",
            "512B, 512", "1.5KiB, 1536"})
    void parsesSizes(String text, long bytes) {
        assertThat(Units.parseSizeBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64 kilobytes", "KiB", "1TiB", "-5B"})
    void rejectsMalformedSizes(String text) {
        assertThatThrownBy(() -> Units.parseSizeBytes(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64KiB");
    }

    @ParameterizedTest
    @CsvSource({"830, 830ns", "1250, 1.25us", "1250000, 1.25ms", "60000000000, 60s", "100000, 100us"})
    void formatsNanosWithTheLargestFittingUnit(long nanos, String text) {
        assertThat(Units.formatNanos(nanos)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0B", "1023, 1023B", "1024, 1KiB", "1536, 1.5KiB", "12361728, 11.8MiB", "1073741824, 1GiB",
            "1048576, 1MiB", "5368709120, 5GiB", "123456789, 118MiB"})
    void formatsBytesWithTheLargestFittingBinaryUnit(long bytes, String text) {
        assertThat(Units.formatBytes(bytes)).isEqualTo(text);
    }

    @Property
    void formattedSizesParseBackWithinRounding(@ForAll @LongRange(min = 0, max = 1L << 40) long bytes) {
        long parsed = Units.parseSizeBytes(Units.formatBytes(bytes));
        assertThat((double) Math.abs(parsed - bytes)).isLessThanOrEqualTo(Math.max(0.5, bytes * 0.005));
    }

    @Property
    void formattedDurationsParseBackWithinRounding(@ForAll @LongRange(min = 0, max = 3_600_000_000_000L) long nanos) {
        long parsed = Units.parseDurationNanos(Units.formatNanos(nanos));
        // Three significant figures: within 0.5% (or exact below 1us).
        assertThat((double) Math.abs(parsed - nanos)).isLessThanOrEqualTo(Math.max(0.5, nanos * 0.005));
    }

    @Property
    void formattedRatesParseBackWithinRounding(@ForAll @LongRange(min = 1, max = 5_000_000_000L) long perSecond) {
        double parsed = Units.parseRatePerSecond(Units.formatRate(perSecond));
        assertThat(Math.abs(parsed - perSecond)).isLessThanOrEqualTo(perSecond * 0.005 + 0.01);
    }

    @ParameterizedTest
    @CsvSource({"830, 830ns", "500001, 500.001us", "1500000, 1.5ms", "999999, 999.999us", "2000000000, 2s",
            "-1500, -1.5us"})
    void formatsNanosExactly(long nanos, String text) {
        assertThat(Units.formatNanosExact(nanos)).isEqualTo(text);
    }

    @Property
    void exactFormatKeepsEveryNanosecond(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long nanos) {
        String text = Units.formatNanosExact(nanos);
        assertThat(Units.parseDurationNanos(text)).isEqualTo(nanos);
    }

    @Test
    void comparedFiguresArePrintedApartOnlyWhenRoundingWouldMergeThem() {
        assertThat(Units.formatNanosAgainst(1_000_400, 1_000_000)).isEqualTo("1.0004ms");
        assertThat(Units.formatNanosAgainst(1_000_000, 1_000_400)).isEqualTo("1ms");
        assertThat(Units.formatNanosAgainst(1_200_000, 1_000_000)).isEqualTo("1.2ms");
    }
}
