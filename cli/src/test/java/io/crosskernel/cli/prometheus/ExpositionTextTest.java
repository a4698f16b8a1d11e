package io.crosskernel.cli.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test's exposition reader is strict: it must refuse what Prometheus would refuse. */
class ExpositionTextTest {
    private static final String GOOD = "# HELP x_total help text\n# TYPE x_total counter\n"
            + "x_total{a=\"1\",b=\"q\\\"uote\"} 3.0\n# TYPE s summary\ns{quantile=\"0.5\"} NaN\ns_count 2\ns_sum 1e-3\n";

    @Test
    void readsFamiliesSeriesAndValues() {
        ExpositionText text = ExpositionText.parse(GOOD);

        assertThat(text.types).containsEntry("x_total", "counter").containsEntry("s", "summary");
        assertThat(text.value("x_total", "a", "1", "b", "q\\\"uote")).isEqualTo(3.0);
        assertThat(text.value("s", "quantile", "0.5")).isNaN();
        assertThat(text.value("s_sum")).isEqualTo(0.001);
        assertThat(text.familyOf("s_count")).isEqualTo("s");
    }

    @Test
    void refusesSamplesWithoutTypeBadNamesBadLabelsAndBadValues() {
        for (String bad : new String[] {"y 1\n", "# TYPE 1x gauge\n1x 1\n", "# TYPE y gauge\ny{a=1} 1\n",
                "# TYPE y gauge\ny{a=\"1\"b=\"2\"} 1\n", "# TYPE y gauge\ny 1d\n", "# TYPE y gauge\ny\n",
                "# TYPE y gauge\ny 1\ny 2\n", "# TYPE y gauge\n\ny 1\n", "# note\n", "# TYPE y gauge\ny{0a=\"1\"} 1\n",
                "# TYPE y gauge\n# TYPE y counter\n", "# TYPE y gauge\ny_count 1\n"}) {
            assertThatThrownBy(() -> ExpositionText.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
