package io.crosskernel.cli.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.RunReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report's markup: well-formed, self-contained, escaped, with a line per series in every chart. */
public class HtmlReportTest {
    private static final String HOSTILE = "<script>alert('x')</script> & \"friends\"";

    @TempDir
    Path dir;

    /** Parses the page as XML (it is written to be), refusing any DTD or external entity. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    /** Asserts the page parses, has three charts each with a polyline per listed series, and loads nothing. */
    public static Document assertWellFormedAndSelfContained(String html, int... linesPerChart) throws Exception {
        assertThat(html).startsWith("<!DOCTYPE html>");
        Document document = parse(html);
        NodeList svgs = document.getElementsByTagNameNS(LineChart.SVG_NAMESPACE, "svg");
        assertThat(svgs.getLength()).isEqualTo(linesPerChart.length);
        for (int i = 0; i < svgs.getLength(); i++) {
            NodeList polylines = ((Element) svgs.item(i)).getElementsByTagNameNS(LineChart.SVG_NAMESPACE,
                    "polyline");
            assertThat(polylines.getLength()).as("lines of chart %d", i).isEqualTo(linesPerChart[i]);
            for (int j = 0; j < polylines.getLength(); j++) {
                String points = ((Element) polylines.item(j)).getAttribute("points");
                assertThat(points).as("points of line %d of chart %d", j, i)
                        .matches("-?\\d+\\.\\d,-?\\d+\\.\\d( -?\\d+\\.\\d,-?\\d+\\.\\d)*");
            }
        }
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(document.getElementsByTagName("link").getLength()).isZero();
        assertThat(document.getElementsByTagName("img").getLength()).isZero();
        assertThat(html).doesNotContain(" src=", " href=", "@import", "url(");
        List<String> references = new ArrayList<>();
        Matcher http = Pattern.compile("https?:[^\"'\\s<)]*").matcher(html);
        while (http.find()) {
            references.add(http.group());
        }
        assertThat(references).as("the only URL is the SVG namespace").containsOnly(LineChart.SVG_NAMESPACE);
        return document;
    }

    @Test
    void oneKernelOneRouteGivesWellFormedSelfContainedChartsAndTables() throws Exception {
        List<String> kernels = List.of("solo");
        List<String> routes = List.of("orders");
        String html = HtmlReport.render(ReportFixtures.report("single", kernels, routes),
                ReportFixtures.recordings(kernels, routes), ReportFixtures.HEADER);

        // Latency: kernel + route; utilisation: the kernel; throughput: the route.
        Document document = assertWellFormedAndSelfContained(html, 2, 1, 1);
        String text = document.getDocumentElement().getTextContent();
        assertThat(text).contains("crosskernel run report: single", "2024-05-06T07:08:09Z", "9.9-test",
                "2 cores <test machine>", "Latency by percentile", "Utilisation per kernel", "Throughput per route",
                "99.999%", "utilisation (%)", "requests completed per second", "warm-up ends",
                "Kernels", "Workloads", "Channels", "Accounting", "Expectations", "warning <b>bold</b>",
                "p99 < 1ms & \"x\"", "PASS");
        assertThat(html).contains("µs");
        // A kernel keeps its hue across charts, shifted by one unit per chart so a screenshot tells them apart.
        assertThat(html).contains("stroke=\"" + Palette.kernel(0, Palette.Chart.LATENCY) + "\"",
                "stroke=\"" + Palette.kernel(0, Palette.Chart.UTILISATION) + "\"",
                "stroke=\"" + Palette.route(0, Palette.Chart.LATENCY) + "\"",
                "stroke=\"" + Palette.route(0, Palette.Chart.THROUGHPUT) + "\"");
    }

    @Test
    void scenarioTextIsEscapedEverywhere() throws Exception {
        List<String> kernels = List.of("k<1>");
        List<String> routes = List.of("r&\"2\"");
        RunReport report = ReportFixtures.report(HOSTILE, kernels, routes);
        String html = HtmlReport.render(report, ReportFixtures.recordings(kernels, routes), ReportFixtures.HEADER);

        Document document = assertWellFormedAndSelfContained(html, 2, 1, 1);
        assertThat(html).doesNotContain("<script", "<b>bold", "k<1>");
        assertThat(document.getElementsByTagName("title").item(0).getTextContent()).contains(HOSTILE);
        assertThat(document.getDocumentElement().getTextContent()).contains(HOSTILE, "kernel k<1>",
                "route r&\"2\" (e2e)");
    }

    @Test
    void aRunWhoseKernelProcessWasRestartedSaysSoInTheAccounting() throws Exception {
        RunReport report = io.crosskernel.cli.ReportFixturesForFailures.withFailure();
        String html = HtmlReport.render(report, ReportFixtures.recordings(List.of("ingest"), List.of("orders")),
                ReportFixtures.HEADER);

        String text = parse(html).getDocumentElement().getTextContent();
        assertThat(text).contains("Kernel failures", "kernel 'middle' (process 1234) died: killed by signal 9",
                "restart as process 4321", "it was running, run open; taken 3",
                "workload orders: lost in crash 1");
        assertThat(HtmlReport.render(ReportFixtures.report("single", List.of("solo"), List.of("orders")),
                ReportFixtures.recordings(List.of("solo"), List.of("orders")), ReportFixtures.HEADER))
                .doesNotContain("Kernel failures");
    }

    @Test
    void aRunThatRecordedNothingStillRendersEveryChart() throws Exception {
        RunReport report = ReportFixtures.report("empty", List.of("idle"), List.of("none"));
        RunRecordings nothing = new RunRecordings(List.of(), Map.of("idle", new org.HdrHistogram.Histogram(3)),
                Map.of(), Map.of());

        String html = HtmlReport.render(report, nothing, ReportFixtures.HEADER);

        Document document = assertWellFormedAndSelfContained(html, 0, 0, 0);
        assertThat(document.getDocumentElement().getTextContent()).contains("nothing was recorded",
                "kernel idle (no data)");
    }

    @Test
    void manyKernelsGetDistinctColoursAndATallerChart() throws Exception {
        List<String> kernels = List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7");
        String html = HtmlReport.render(ReportFixtures.report("wide", kernels, List.of("r")),
                ReportFixtures.recordings(kernels, List.of("r")), ReportFixtures.HEADER);

        Document document = assertWellFormedAndSelfContained(html, 9, 8, 1);
        NodeList lines = document.getElementsByTagNameNS(LineChart.SVG_NAMESPACE, "polyline");
        List<String> colours = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            colours.add(((Element) lines.item(i)).getAttribute("stroke"));
        }
        assertThat(colours).doesNotHaveDuplicates();
    }

    @Test
    void writesTheFileCreatingItsDirectory() throws Exception {
        Path file = dir.resolve("a/b/report.html");
        HtmlReport.write(ReportFixtures.report("file", List.of("k"), List.of("r")),
                ReportFixtures.recordings(List.of("k"), List.of("r")), ReportFixtures.HEADER, file);
        assertWellFormedAndSelfContained(Files.readString(file), 2, 1, 1);
    }
}
