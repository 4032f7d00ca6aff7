package com.profilebridge.ui.console.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The server-drawn charts: well-formed, escaped, accessible, scaled where the data says. */
class SvgChartTests {

    static final Instant FROM = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant TO = Instant.parse("2026-12-01T11:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void everyTextIsEscapedAndTheMarkupStaysWellFormed() throws Exception {
        String hostile = "<script>alert('x')</script> & \"quoted\"";
        String svg = SvgChart.builder("chart-x").title(hostile).description(hostile + "\u0007").range(FROM, TO)
                .yLabel(v -> "<" + v + ">")
                .series(new SvgChart.Series(hostile, "pb-ops-p95\" onload=\"alert(1)", points(1.0, 2.0), true))
                .build().render();

        assertThat(svg).doesNotContain("<script").doesNotContain("onload=\"").doesNotContain("\u0007")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        Document parsed = parse(svg);
        assertThat(parsed.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(hostile);
        assertThat(parsed.getElementsByTagName("script").getLength()).isZero();
    }

    @Test
    void aChartIsAnImageNamedByItsTitleAndDescribedByItsSummary() throws Exception {
        Document svg = parse(SvgChart.builder("chart-latency").title("CDP latency").description("Highest 95th percentile: 40 ms")
                .range(FROM, TO).series(new SvgChart.Series("p95", "pb-ops-p95", points(10.0, 40.0), false)).build().render());
        var root = svg.getDocumentElement();
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-labelledby")).isEqualTo("chart-latency-title chart-latency-desc");
        assertThat(root.getElementsByTagName("title").item(0).getAttributes().getNamedItem("id").getNodeValue())
                .isEqualTo("chart-latency-title");
        assertThat(root.getElementsByTagName("desc").item(0).getTextContent()).isEqualTo("Highest 95th percentile: 40 ms");
    }

    @Test
    void pointsAreScaledToTheTimeRangeAndTheRoundedUpMaximum() {
        // 10:00 -> left edge, 10:30 -> middle, 11:00 -> right edge; 0 at the base line, 40 at the top (0, 10 .. 40)
        List<SvgChart.Point> points = List.of(new SvgChart.Point(FROM, 0.0),
                new SvgChart.Point(FROM.plusSeconds(1800), 20.0), new SvgChart.Point(TO, 40.0));
        SvgChart chart = SvgChart.builder("c").title("t").description("d").range(FROM, TO)
                .series(new SvgChart.Series("s", "css", points, false)).build();
        assertThat(chart.yMax()).isEqualTo(40.0);

        List<double[]> drawn = coordinates(lineOf(chart.render()));
        int plotWidth = SvgChart.WIDTH - SvgChart.LEFT - SvgChart.RIGHT;
        int plotHeight = SvgChart.HEIGHT - SvgChart.TOP - SvgChart.BOTTOM;
        int base = SvgChart.TOP + plotHeight;
        assertThat(drawn).hasSize(3);
        assertThat(drawn.get(0)).containsExactly(SvgChart.LEFT, base);
        assertThat(drawn.get(1)[0]).isCloseTo(SvgChart.LEFT + plotWidth / 2.0, offset(0.06));
        assertThat(drawn.get(1)[1]).isCloseTo(base - plotHeight / 2.0, offset(0.06));
        assertThat(drawn.get(2)[0]).isEqualTo(SvgChart.WIDTH - SvgChart.RIGHT);
        assertThat(drawn.get(2)[1]).isEqualTo(SvgChart.TOP);
    }

    @Test
    void aMissingValueIsAGapNotAZero() {
        List<SvgChart.Point> points = List.of(new SvgChart.Point(FROM.plusSeconds(600), 5.0),
                new SvgChart.Point(FROM.plusSeconds(610), 6.0), new SvgChart.Point(FROM.plusSeconds(620), null),
                new SvgChart.Point(FROM.plusSeconds(630), 7.0), new SvgChart.Point(FROM.plusSeconds(640), 8.0));
        String line = lineOf(SvgChart.builder("c").title("t").description("d").range(FROM, TO)
                .series(new SvgChart.Series("s", "css", points, false)).build().render());
        assertThat(line.chars().filter(c -> c == 'M')).hasSize(2);
        assertThat(coordinates(line)).hasSize(4);
    }

    @Test
    void anEmptySeriesDrawsTheAxesAndSaysThereIsNoDataYet() throws Exception {
        List<SvgChart.Point> nothing = new ArrayList<>();
        nothing.add(new SvgChart.Point(FROM.plusSeconds(10), null));
        String svg = SvgChart.builder("c").title("t").description("d").range(FROM, TO).emptyText("No data yet")
                .yAtLeast(10).series(new SvgChart.Series("s", "css", nothing, true)).build().render();
        assertThat(svg).contains(">No data yet</text>").doesNotContain("pb-ops-line").doesNotContain("pb-ops-area");
        assertThat(parse(svg).getElementsByTagName("line").getLength()).as("grid and axis").isGreaterThan(5);
    }

    @Test
    void aLoneValueBetweenGapsIsADot() {
        String svg = SvgChart.builder("c").title("t").description("d").range(FROM, TO)
                .series(new SvgChart.Series("s", "css", List.of(new SvgChart.Point(FROM.plusSeconds(60), 3.0)), true))
                .build().render();
        assertThat(svg).contains("<circle class=\"pb-ops-dot css\"").doesNotContain("pb-ops-area");
    }

    @Test
    void timesAreLabelledInTheViewersLanguageAndZone() {
        String english = SvgChart.builder("c").title("t").description("d").range(FROM, TO)
                .viewer(Locale.US, ZoneId.of("America/New_York")).build().render();
        String german = SvgChart.builder("c").title("t").description("d").range(FROM, TO).viewer(Locale.GERMAN, BERLIN)
                .build().render();
        // 10:00-11:00 UTC is 5-6 AM in New York and 11-12 Uhr in Berlin, labelled every 10 minutes
        assertThat(ticks(english)).contains("5:10\u202fAM", "5:30\u202fAM", "5:50\u202fAM");
        assertThat(ticks(german)).contains("11:10", "11:30").doesNotContain("12:00");
    }

    @Test
    void aTimeLabelTooCloseToAnEdgeIsLeftOut() {
        // 10:00-11:00: the ticks at 10:00 and 11:00 would sit on the edges, half outside the plot
        String svg = SvgChart.builder("c").title("t").description("d").range(FROM.minusSeconds(1), TO)
                .viewer(Locale.GERMAN, ZoneId.of("UTC")).build().render();
        assertThat(ticks(svg).stream().filter(t -> t.contains(":"))).containsExactly("10:10", "10:20", "10:30", "10:40", "10:50");
    }

    @Test
    void axisLabelsUseTheViewersNumberFormat() {
        String svg = SvgChart.builder("c").title("t").description("d").range(FROM, TO).yAtLeast(0.05)
                .yLabel(v -> java.text.NumberFormat.getNumberInstance(Locale.GERMAN).format(v))
                .build().render();
        assertThat(ticks(svg)).contains("0,01", "0,05").noneMatch(t -> t.contains("0.01"));
        // coordinates keep the dot whatever the language
        assertThat(svg).containsPattern("y1=\"\\d+\\.\\d\"");
    }

    @Test
    void theYAxisClimbsInOneTwoOrFiveStepsToJustAboveTheData() {
        assertThat(SvgChart.axis(0)).containsExactly(1, 0.2);
        assertThat(SvgChart.axis(7)).containsExactly(8, 2);
        assertThat(SvgChart.axis(10)).containsExactly(10, 2);
        assertThat(SvgChart.axis(12)).containsExactly(15, 5);
        assertThat(SvgChart.axis(180)).containsExactly(200, 50);
        assertThat(SvgChart.axis(1000)).containsExactly(1000, 200);
        double[] percent = SvgChart.axis(0.037);
        assertThat(percent[0]).isCloseTo(0.04, offset(1e-12));
        assertThat(percent[1]).isCloseTo(0.01, offset(1e-12));
    }

    @Test
    void aChartNeedsATimeRangeAndAPlainId() {
        assertThatThrownBy(() -> SvgChart.builder("c").title("t").description("d").range(TO, FROM).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SvgChart.builder("c\" onload=\"x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBreakerStripColoursEachSampledIntervalAndEscapesItsTexts() throws Exception {
        String svg = SvgStateStrip.render("chart-breaker", "State & <history>", "now: Open", FROM, TO, Locale.ENGLISH,
                ZoneId.of("UTC"), List.of(new SvgStateStrip.Band(FROM.plusSeconds(1800), FROM.plusSeconds(1830), "pb-ops-band-open"),
                        new SvgStateStrip.Band(FROM.minusSeconds(60), FROM.plusSeconds(10), "pb-ops-band-closed")),
                List.of(new SvgStateStrip.Mark(FROM.plusSeconds(900), "pb-ops-band-half-open")),
                List.of(new SvgStateStrip.Key("Open <now>", "pb-ops-band-open")));
        Document parsed = parse(svg);
        assertThat(parsed.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("State & <history>");
        assertThat(svg).contains("Open &lt;now&gt;");
        // the open half minute sits in the middle of the strip; the band before the range is cut at its start
        Matcher open = Pattern.compile("<rect class=\"pb-ops-band-open\" x=\"([\\d.]+)\"").matcher(svg);
        assertThat(open.find()).isTrue();
        assertThat(Double.parseDouble(open.group(1))).isCloseTo(8 + (SvgStateStrip.WIDTH - 16) / 2.0,
                offset(0.06));
        assertThat(svg).contains("<rect class=\"pb-ops-band-closed\" x=\"8.0\"");
        // a transition between samples is marked where it happened: a quarter into the hour
        assertThat(svg).contains("<rect class=\"pb-ops-band-half-open\" x=\"" + SvgMarkup.coordinate(8 + (SvgStateStrip.WIDTH - 16) / 4.0) + "\"");
    }

    static List<SvgChart.Point> points(Double... values) {
        List<SvgChart.Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SvgChart.Point(FROM.plusSeconds(60L * (i + 1)), values[i]));
        }
        return points;
    }

    static String lineOf(String svg) {
        Matcher m = Pattern.compile("<path class=\"pb-ops-line [^\"]*\" d=\"([^\"]+)\"").matcher(svg);
        assertThat(m.find()).as("a line in %s", svg).isTrue();
        return m.group(1);
    }

    static List<double[]> coordinates(String path) {
        List<double[]> points = new ArrayList<>();
        Matcher m = Pattern.compile("[ML]([\\d.]+) ([\\d.]+)").matcher(path);
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return points;
    }

    static List<String> ticks(String svg) {
        List<String> ticks = new ArrayList<>();
        Matcher m = Pattern.compile("<text class=\"pb-ops-tick\"[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            ticks.add(m.group(1));
        }
        return ticks;
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
