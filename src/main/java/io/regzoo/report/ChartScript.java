package io.regzoo.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regzoo.report.ChartModel.Axis;
import io.regzoo.report.ChartModel.Series;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive charts of {@code index.html}: each {@link ChartModel} as JSON, and the scripts
 * that draw them — uPlot (MIT license, from the {@code org.webjars.npm:uplot} webjar on the
 * classpath) and regzoo's {@code charts.js} — inlined into the page, so it opens offline and loads
 * nothing.
 */
final class ChartScript {

    private static final Logger LOG = LoggerFactory.getLogger(ChartScript.class);
    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
    private static final String POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static volatile Optional<Assets> assets;

    private ChartScript() {}

    /**
     * The scripts and styles a page with interactive charts needs, read once from the classpath.
     *
     * @param version the uPlot version
     * @param css uPlot's stylesheet
     * @param js uPlot's minified script, its license in front, without its banner comment
     * @param charts regzoo's {@code charts.js}
     */
    record Assets(String version, String css, String js, String charts) {}

    /**
     * The inlined assets, or empty (the page then shows the PNG charts) when uPlot is not on the classpath.
     *
     * @return the assets
     */
    static Optional<Assets> assets() {
        Optional<Assets> a = assets;
        if (a == null) {
            synchronized (ChartScript.class) {
                if (assets == null) {
                    assets = load();
                }
                a = assets;
            }
        }
        return a;
    }

    private static Optional<Assets> load() {
        try {
            String pom = resource(POM);
            if (pom == null) {
                LOG.warn("uPlot (org.webjars.npm:uplot) is not on the classpath: index.html shows static PNG charts");
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(new java.io.StringReader(pom));
            String version = p.getProperty("version");
            String dir = WEBJAR + version + "/";
            String css = resource(dir + "dist/uPlot.min.css");
            String js = resource(dir + "dist/uPlot.iife.min.js");
            String license = resource(dir + "LICENSE");
            String charts = resource("io/regzoo/report/charts.js");
            if (css == null || js == null || license == null || charts == null) {
                LOG.warn("uPlot " + version + " webjar lacks dist/uPlot.iife.min.js, dist/uPlot.min.css or LICENSE: "
                        + "index.html shows static PNG charts");
                return Optional.empty();
            }
            // The banner comment names the project's web address; the page must reference no address at all.
            js = js.replaceFirst("^/\\*!.*?\\*/\\s*", "");
            String header = "/* uPlot " + version + " (webjar org.webjars.npm:uplot:" + version + ")\n"
                    + license.replace("*/", "* /").strip() + "\n*/\n";
            // "</script" would end the inline script early; in a JS string or regex "<\/" means the same
            return Optional.of(new Assets(version, css, inline(header + js), inline(charts)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read uPlot from the classpath", e);
        }
    }

    private static String inline(String script) {
        return script.replaceAll("(?i)</(script)", "<\\\\/$1");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ChartScript.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The chart as JSON, safe inside a {@code <script type="application/json">} element (no {@code <}).
     *
     * @param m the chart
     * @return the JSON text
     */
    static String json(ChartModel m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", m.id());
        root.put("title", m.title());
        root.set("x", axis(m.x()));
        root.set("y", axis(m.y()));
        ArrayNode series = root.putArray("series");
        for (Series s : m.series()) {
            ObjectNode o = series.addObject();
            o.put("name", s.name());
            o.put("group", s.group());
            o.put("color", VariantColors.hex(s.color()));
            o.put("alpha", Math.round(s.color().getAlpha() / 255.0 * 1000) / 1000.0);
            o.put("style", s.style().name().toLowerCase(Locale.ROOT));
            o.put("marker", s.marker().name().toLowerCase(Locale.ROOT));
            o.put("legend", s.legend());
            o.put("interval", s.interval().name().toLowerCase(Locale.ROOT));
            numbers(o.putArray("x"), s.x());
            numbers(o.putArray("y"), s.y());
            if (s.lower() != null) {
                numbers(o.putArray("lo"), s.lower());
                numbers(o.putArray("hi"), s.upper());
            }
        }
        try {
            return JSON.writeValueAsString(root).replace("<", "\\u003c");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + m.id() + " as JSON", e);
        }
    }

    private static ObjectNode axis(Axis a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("label", a.label());
        o.put("log", a.scale() == ChartModel.Scale.LOG);
        if (a.min() != null && Double.isFinite(a.min())) {
            o.put("min", a.min());
        } else {
            o.putNull("min");
        }
        if (a.max() != null && Double.isFinite(a.max())) {
            o.put("max", a.max());
        } else {
            o.putNull("max");
        }
        o.put("integers", a.integers());
        ArrayNode c = o.putArray("categories");
        a.categories().forEach(c::add);
        return o;
    }

    private static void numbers(ArrayNode out, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                out.add(v);
            } else {
                out.addNull();
            }
        }
    }
}
