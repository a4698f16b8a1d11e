package io.crosskernel.hypervisor.scenario;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Finds the scenario files under {@code src/test/resources/scenarios}. */
final class Scenarios {
    private Scenarios() {
    }

    static Path resource(String relative) {
        URL url = Scenarios.class.getResource("/scenarios/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no test scenario " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Scenario parseGood(String name) {
        return new ScenarioParser(TestKernelFactory.types()).parse(resource("good/" + name));
    }
}
