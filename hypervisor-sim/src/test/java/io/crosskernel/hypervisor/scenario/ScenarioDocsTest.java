package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps docs/SCENARIOS.md honest: every key and metric is documented, and the quoted errors are real. */
class ScenarioDocsTest {
    private static final Path DOC = Path.of("..", "docs", "SCENARIOS.md");

    @Test
    void documentsEveryKey() throws IOException {
        String doc = Files.readString(DOC);
        List<String> keys = new ArrayList<>();
        Stream.of(ScenarioParser.TOP_KEYS, ScenarioParser.HOST_KEYS, ScenarioParser.KERNEL_KEYS,
                ChannelReader.CHANNEL_KEYS, ChannelReader.LINK_KEYS, WorkloadReader.ENTRY_KEYS,
                WorkloadReader.STAGE_KEYS, WorkloadReader.PERIODIC_KEYS, WorkloadReader.STREAM_KEYS,
                WorkloadReader.BURST_KEYS, WorkloadReader.INGRESS_KEYS, WorkloadReader.KV_KEYS,
                SimSectionReader.SIM_KEYS,
                SimSectionReader.FAULT_KEYS, SimSectionReader.FAULTS).forEach(keys::addAll);

        assertThat(keys).allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
    }

    @Test
    void documentsEveryMetric() throws IOException {
        String doc = Files.readString(DOC);

        assertThat(MetricNames.all()).allSatisfy(m -> assertThat(doc).contains("`" + m.name() + "`"));
    }

    @Test
    void quotedErrorsAreWhatTheParserPrints() throws IOException {
        String doc = Files.readString(DOC);
        // As the CLI prints them: 'error: ' and the message.
        Matcher m = Pattern.compile("(?m)^error: (scenarios/bad/[a-z0-9-]+\\.yaml):(.*)$").matcher(doc);
        ScenarioParser parser = new ScenarioParser(TestKernelFactory.types());
        int quoted = 0;
        while (m.find()) {
            Path file = Scenarios.resource(m.group(1).substring("scenarios/".length()));
            ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parser.parse(file));

            assertThat(e).as(m.group(1)).isNotNull();
            assertThat("error: " + m.group(1) + e.getMessage().substring(file.toString().length()))
                    .isEqualTo(m.group());
            quoted++;
        }
        assertThat(quoted).isGreaterThanOrEqualTo(4);
    }
}
