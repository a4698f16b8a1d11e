package io.crosskernel.cli.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.crosskernel.cli.ReportSchema;
import io.crosskernel.cli.TestScenarios;
import io.crosskernel.cli.Xk;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the HTML report of a short real run opens in headless Chromium, and the screenshot shows every chart's
 * lines (each chart's series have their own exact colours, see {@link Palette}).
 *
 * <p>Needs Debian's {@code chromium} at {@value #CHROMIUM}. When it is missing the test is skipped with one line that
 * says how to enable it, so the README's {@code ./mvnw -B verify} passes on a machine with only Java; CI sets
 * {@code XK_REQUIRE_BROWSER_TESTS=1} (see {@code .ci/run}), under which a missing browser fails the test, so CI cannot
 * pass without running it.
 */
@Timeout(60)
class HtmlReportScreenshotTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    private static final long BROWSER_TIMEOUT_SECONDS = 25;
    /** A legend swatch has at most 24 x 3 pixels of its colour; a drawn line has far more. */
    private static final int LINE_PIXELS = 150;

    private static final String SCENARIO = TestScenarios.ingestToWorker(
            "name: screenshot <&> \"run\"\nduration: 800ms\nwarmup: 200ms\nseed: 5\n", "5k/s", "2us", "5us");

    @TempDir
    Path dir;

    @Test
    void theReportOfARealRunShowsItsChartsInHeadlessChromium() throws Exception {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            String missing = CHROMIUM + " is missing: the HTML report browser test is skipped (install Debian's "
                    + "chromium, apt-get install chromium, to run it)";
            if ("1".equals(System.getenv("XK_REQUIRE_BROWSER_TESTS"))) {
                fail(missing + "; XK_REQUIRE_BROWSER_TESTS=1 requires it");
            }
            System.out.println("SKIPPED " + getClass().getSimpleName() + ": " + missing);
            abort(missing);
        }
        Path scenario = Files.writeString(dir.resolve("shot.yaml"), SCENARIO);
        Path html = dir.resolve("report.html");
        Path json = dir.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Xk.execute(new String[] {"run", scenario.toString(), "--quiet", "--html-report", html.toString(),
                "--json-report", json.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(out + "\n" + err).isEqualTo(Xk.OK);
        ReportSchema.assertValid(json);
        assertThat(out.toString()).contains("HTML report written to " + html);

        BufferedImage image = screenshot(html);

        Map<Integer, Integer> pixels = histogram(image);
        assertThat(pixels.size()).as("distinct colours: a blank page has one").isGreaterThan(20);
        int white = pixels.getOrDefault(0xffffff, 0);
        assertThat(white).as("white pixels").isLessThan(image.getWidth() * image.getHeight() * 99 / 100);
        Map<String, String> lines = Map.of(
                "latency curve of kernel ingest", Palette.kernel(0, Palette.Chart.LATENCY),
                "latency curve of kernel worker", Palette.kernel(1, Palette.Chart.LATENCY),
                "end-to-end latency curve of route orders", Palette.route(0, Palette.Chart.LATENCY),
                "utilisation of kernel ingest", Palette.kernel(0, Palette.Chart.UTILISATION),
                "utilisation of kernel worker", Palette.kernel(1, Palette.Chart.UTILISATION),
                "throughput of route orders", Palette.route(0, Palette.Chart.THROUGHPUT));
        for (Map.Entry<String, String> line : lines.entrySet()) {
            assertThat(pixels.getOrDefault(Palette.rgb(line.getValue()), 0))
                    .as("pixels of %s (%s) in the screenshot", line.getKey(), line.getValue())
                    .isGreaterThan(LINE_PIXELS);
        }
    }

    private BufferedImage screenshot(Path html) throws IOException, InterruptedException {
        Path png = dir.resolve("report.png");
        Path log = dir.resolve("chromium.log");
        Process browser = new ProcessBuilder(List.of(CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1280,2400", "--screenshot=" + png, html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!browser.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // Chromium forks renderer and utility processes: end them too, not only the one we started.
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
            browser.waitFor(5, TimeUnit.SECONDS);
            fail("chromium did not finish the screenshot within " + BROWSER_TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log));
        }
        assertThat(Files.exists(png)).as("screenshot written; chromium said:\n" + Files.readString(log)).isTrue();
        keepForPeople(html, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }

    /** Leaves the report and its screenshot under target/ for a person (or a CI artifact) to look at. */
    private static void keepForPeople(Path html, Path png) throws IOException {
        Path target = Path.of("target", "html-report");
        Files.createDirectories(target);
        Files.copy(html, target.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, target.resolve("report.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Map<Integer, Integer> histogram(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
            }
        }
        return counts;
    }

}
