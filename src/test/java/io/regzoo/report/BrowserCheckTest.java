package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Opens the rendered {@code index.html} from disk in headless Chromium with name resolution off and
 * checks it as a reader sees it: every chart is drawn interactively (a non-blank canvas where the
 * chart sits, also in a full-page screenshot); hovering shows values in the legend and the tooltip;
 * clicking a legend entry hides that variant (and its seeds); dragging zooms and a double-click
 * zooms back out; the page loads nothing and logs nothing; the table fits a 1300 px window with ten
 * variants without breaking a variant name. With scripts off, every chart is its PNG instead. Skipped
 * when {@code /usr/bin/chromium} is absent (CI installs Debian's {@code chromium}).
 *
 * <p>The pages and screenshots stay in {@code target/report-browser-check/} for a human to look at.
 */
@org.junit.jupiter.api.Tag("subprocess")
class BrowserCheckTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1300;

    /** Catches errors and console output before any other script runs: injected into a copy of the page only. */
    private static final String CATCH = "<script>window.__rz={errors:[]};window.addEventListener('error',function(e){"
            + "window.__rz.errors.push('error: '+e.message);});['error','warn','log'].forEach(function(k){var f=console[k];"
            + "console[k]=function(){window.__rz.errors.push(k+': '+Array.prototype.join.call(arguments,' '));"
            + "return f.apply(console,arguments);};});</script>";

    /**
     * Measures the page and drives the charts like a reader (hover, legend click, drag, double-click), then writes
     * what it saw as JSON into {@code <pre id="probe">}. Injected into a copy of the page only.
     */
    private static final String PROBE = "<pre id=\"probe\"></pre><script>window.addEventListener('load',function(){"
            + "var r={charts:[],imgs:[],resources:[],names:[]};var C=window.regzooCharts||{};"
            + "function box(el){var b=el.getBoundingClientRect();return {x:b.left+window.scrollX,y:b.top+window.scrollY,"
            + "w:b.width,h:b.height};}"
            + "function near(u,rgb){var c=u.ctx.canvas,d=u.ctx.getImageData(0,0,c.width,c.height).data,n=0;"
            + "for(var i=0;i<d.length;i+=4){if(d[i+3]>200&&Math.abs(d[i]-rgb[0])+Math.abs(d[i+1]-rgb[1])"
            + "+Math.abs(d[i+2]-rgb[2])<60)n++;}return n;}"
            + "function inked(u){var c=u.ctx.canvas,d=u.ctx.getImageData(0,0,c.width,c.height).data,n=0;"
            + "for(var i=3;i<d.length;i+=4){if(d[i]>0)n++;}return n/(d.length/4);}"
            + "function ev(t,el,x,y){el.dispatchEvent(new MouseEvent(t,{clientX:x,clientY:y,bubbles:true,cancelable:true,"
            + "view:window,button:0,movementX:3,movementY:1}));}"
            + "function at(u,x,y){var b=u.over.getBoundingClientRect();return [b.left+u.valToPos(x,'x'),"
            + "b.top+(y==null?b.height/2:u.valToPos(y,'y'))];}"
            + "function legend(u){return Array.prototype.map.call(u.root.querySelectorAll('.u-legend tr.u-series'),"
            + "function(tr){return {label:tr.querySelector('.u-label').textContent,value:(tr.querySelector('.u-value')||"
            + "{textContent:''}).textContent,off:tr.classList.contains('u-off'),aux:tr.classList.contains('rz-aux'),"
            + "hidden:getComputedStyle(tr).display==='none'};});}"
            + "function idx(u,name){for(var i=1;i<u.series.length;i++){if(u.series[i].label===name)return i;}return -1;}"
            + "document.querySelectorAll('.rz-chart').forEach(function(el){var u=C[el.id.substring(6)];"
            + "var o=box(el);o.id=el.id;o.drawn=el.classList.contains('rz-drawn');o.canvas=!!el.querySelector('canvas');"
            + "o.inked=u?inked(u):0;r.charts.push(o);});"
            + "document.querySelectorAll('img').forEach(function(i){var o=box(i);o.id=i.id;o.complete=i.complete;"
            + "o.naturalWidth=i.naturalWidth;r.imgs.push(o);});"
            + "document.querySelectorAll('.scroll').forEach(function(s){var t=s.querySelector('table');"
            + "if(t)r.names.push({table:t.scrollWidth,room:s.clientWidth});});"
            + "r.wrapped=Array.prototype.filter.call(document.querySelectorAll('.vname'),function(n){"
            + "return n.getClientRects().length!==1;}).map(function(n){return n.textContent;});"
            + "var L=C['mnist-cnn-loss-curve'],T=C['mnist-cnn-test'],V=C['mnist-cnn-accuracy-curve'];"
            + "var bn,rgb=[204,121,167],w0,k,sd,steps=[];"
            + "function row(u,i){return u.root.querySelectorAll('.u-legend tr.u-series')[i].querySelector('th');}"
            + "if(L){steps.push(function(){var p=at(L,2);ev('mouseenter',L.over,p[0],p[1]);ev('mousemove',L.over,p[0],p[1]);},"
            + "function(){var t=L.root.querySelector('.rz-tip');r.hover={idx:L.cursor.idx,legend:legend(L),"
            + "tip:t.textContent,tipShown:t.style.display==='block'};var p=at(L,2);ev('mouseleave',L.over,p[0],p[1]);"
            + "bn=idx(L,'batch-norm');r.toggle={before:near(L,rgb)};row(L,bn).click();},"
            + "function(){r.toggle.show=L.series[bn].show;r.toggle.after=near(L,rgb);r.toggle.legendOff=legend(L)[bn].off;"
            + "row(L,bn).click();},"
            + "function(){r.toggle.restored=near(L,rgb);var a=at(L,1.5),b=at(L,3.5);w0=L.scales.x.max-L.scales.x.min;"
            + "ev('mousedown',L.over,a[0],a[1]);ev('mousemove',L.over,b[0],a[1]+2);ev('mouseup',document,b[0],a[1]+2);},"
            + "function(){r.zoom={before:w0,zoomed:L.scales.x.max-L.scales.x.min};var b=at(L,2);"
            + "ev('dblclick',L.over,b[0],b[1]);},"
            + "function(){r.zoom.reset=L.scales.x.max-L.scales.x.min;});}"
            + "if(T){steps.push(function(){var q=at(T,5);ev('mouseenter',T.over,q[0],q[1]);ev('mousemove',T.over,q[0],q[1]);},"
            + "function(){r.category={tip:T.root.querySelector('.rz-tip').textContent};k=idx(T,'batch-norm');"
            + "sd=idx(T,'batch-norm seeds');row(T,k).click();},"
            + "function(){r.category.mean=T.series[k].show;r.category.seeds=T.series[sd].show;"
            + "var ax=legend(T).filter(function(l){return l.aux;});r.category.aux=ax.length;"
            + "r.category.auxHidden=ax.every(function(l){return l.hidden;});row(T,k).click();"
            + "var q=at(T,5);ev('mouseleave',T.over,q[0],q[1]);},"
            + "function(){r.category.seedsBack=T.series[sd].show;});}"
            + "if(V){steps.push(function(){var v=at(V,2);ev('mouseenter',V.over,v[0],v[1]);ev('mousemove',V.over,v[0],v[1]);});}"
            + "steps.push(function(){"
            + "performance.getEntriesByType('resource').forEach(function(e){r.resources.push(e.name.substring(0,60));});"
            + "r.errors=(window.__rz||{errors:[]}).errors;r.height=Math.ceil(document.documentElement.scrollHeight);"
            + "document.getElementById('probe').textContent=JSON.stringify(r);});"
            + "(function run(i){if(i<steps.length){steps[i]();setTimeout(function(){run(i+1);},40);}})(0);"
            + "});</script>";

    @Test
    void chartsAreInteractiveOfflineAndThePageLogsNoErrors() throws Exception {
        if (System.getenv("CI") != null) {
            assertTrue(Files.isExecutable(CHROMIUM), "Chromium not installed at " + CHROMIUM + ": .ci/run must install it");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not installed at " + CHROMIUM + " (CI installs it)");
        Path dir = Path.of("target", "report-browser-check").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        ManyVariants.write(dir);
        RenderedReport report = Report.render(dir);
        String html = Files.readString(report.html());

        // 1. Drive the page: layout, drawing, hover, legend toggle, zoom; anything loaded or logged.
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, html.replaceFirst("<head>", "<head>\n" + CATCH).replace("</body>", PROBE + "</body>"));
        Run dom = chromium(dir, "--dump-dom", "--window-size=" + WIDTH + ",1000", probe.toUri().toString());
        JsonNode r = probeOutput(dom);
        assertEquals(0, r.get("resources").size(), "no resource loaded from anywhere: " + r.get("resources"));
        assertEquals(0, r.get("errors").size(), "nothing logged: " + r.get("errors"));
        assertEquals(report.charts().size(), r.get("charts").size(), "one chart element per chart");
        assertEquals(0, r.get("imgs").size(), "every PNG fallback replaced by its drawn chart: " + r.get("imgs"));
        for (JsonNode c : r.get("charts")) {
            assertTrue(c.get("drawn").asBoolean() && c.get("canvas").asBoolean(), "chart drawn on a canvas: " + c);
            assertTrue(c.get("inked").asDouble() > 0.01, "canvas is not blank: " + c);
            assertTrue(c.get("w").asDouble() >= 600 && c.get("h").asDouble() >= 300, "chart has a readable size: " + c);
        }
        // the table fits the page with ten variants, and no variant name breaks
        for (JsonNode t : r.get("names")) {
            assertTrue(t.get("table").asInt() <= t.get("room").asInt(), "table fits " + WIDTH + " px: " + t);
        }
        assertEquals(0, r.get("wrapped").size(), "variant names on one line: " + r.get("wrapped"));

        JsonNode hover = r.get("hover");
        assertTrue(hover.get("idx").asInt() >= 0, "the cursor found a point: " + hover);
        assertEquals("epoch", hover.get("legend").get(0).get("label").asText(), hover.toString());
        assertEquals("2", hover.get("legend").get(0).get("value").asText(), "legend shows the x at the cursor: " + hover);
        List<JsonNode> shown = new ArrayList<>();
        hover.get("legend").forEach(l -> {
            if (!l.get("aux").asBoolean() && !l.get("label").asText().equals("epoch")) {
                shown.add(l);
            }
        });
        assertEquals(ManyVariants.VARIANTS.size(), shown.size(), "one legend entry per variant: " + hover);
        for (JsonNode l : shown) {
            assertTrue(l.get("value").asText().matches("[0-9.]+ \\[[0-9.]+, [0-9.]+\\]"),
                    "legend shows the value at the cursor with its range: " + l);
        }
        assertTrue(hover.get("tipShown").asBoolean(), "tooltip shown: " + hover);
        assertTrue(hover.get("tip").asText().startsWith("epoch 2") && hover.get("tip").asText().contains("batch-norm: "),
                "tooltip names the epoch and the variants' values: " + hover.get("tip"));

        JsonNode toggle = r.get("toggle");
        assertTrue(toggle.get("before").asInt() > 50, "batch norm's curve drawn: " + toggle);
        assertFalse(toggle.get("show").asBoolean(), "legend click hides the series: " + toggle);
        assertTrue(toggle.get("legendOff").asBoolean(), "legend marks it off: " + toggle);
        assertTrue(toggle.get("after").asInt() < toggle.get("before").asInt() / 10, "its pixels are gone: " + toggle);
        assertTrue(toggle.get("restored").asInt() > toggle.get("before").asInt() / 2, "a second click brings it back");

        JsonNode zoom = r.get("zoom");
        assertTrue(zoom.get("zoomed").asDouble() < zoom.get("before").asDouble() * 0.8, "drag zooms in: " + zoom);
        assertEquals(zoom.get("before").asDouble(), zoom.get("reset").asDouble(), 1e-9, "double-click resets: " + zoom);

        JsonNode cat = r.get("category");
        assertTrue(cat.get("tip").asText().startsWith("batch-norm (n=3)") && cat.get("tip").asText().contains(" ["),
                "hovering a variant shows its mean and interval: " + cat);
        assertFalse(cat.get("mean").asBoolean() || cat.get("seeds").asBoolean(), "legend hides the mean and seeds: " + cat);
        assertTrue(cat.get("seedsBack").asBoolean(), "and shows them again: " + cat);
        assertTrue(cat.get("aux").asInt() > 0 && cat.get("auxHidden").asBoolean(),
                "seed series have no visible legend entry of their own: " + cat);

        // 2. Pixels: the real window at full height, after the same interactions (a tooltip stays on the
        // accuracy chart); each chart's region is drawn.
        int height = r.get("height").asInt();
        Path shot = dir.resolve("screenshot.png");
        Run s = chromium(dir, "--screenshot=" + shot, "--window-size=" + WIDTH + "," + height, probe.toUri().toString());
        assertTrue(Files.size(shot) > 0, "screenshot written; stderr:\n" + s.stderr);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(height, img.getHeight(), "screenshot covers the whole page");
        for (JsonNode c : r.get("charts")) {
            double[] st = regionStats(img, (int) c.get("x").asDouble(), (int) c.get("y").asDouble(),
                    (int) c.get("w").asDouble(), (int) c.get("h").asDouble());
            assertTrue(st[0] > 0.01, c.get("id").asText() + " has drawn (non-white) pixels: " + st[0]);
            assertTrue(st[1] > 8, c.get("id").asText() + " is not a flat image: std " + st[1]);
        }

        // 3. Console and network as Chromium saw them: nothing logged, nothing failed to load.
        for (Run run : List.of(dom, s)) {
            List<String> console = run.stderr.lines().filter(l -> l.contains(":CONSOLE(") || l.contains("net::ERR_"))
                    .toList();
            assertTrue(console.isEmpty(), "console messages: " + console);
            assertFalse(run.stderr.contains("Uncaught"), run.stderr);
        }
    }

    @Test
    void withScriptsOffEveryChartIsItsImage() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not installed at " + CHROMIUM + " (CI installs it)");
        Path dir = Path.of("target", "report-browser-check-static").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        ReportRenderTest.writeExperiment(dir, true);
        RenderedReport report = Report.render(dir);
        Path page = dir.resolve("static.html");
        // The probe runs although the page's scripts do not: it is the only script left, run by a second page load
        // with scripts on; the charts' own scripts are removed.
        String html = Files.readString(report.html()).replaceAll("(?s)<script>\\n.*?</script>\\n", "");
        Files.writeString(page, html.replace("</body>", PROBE + "</body>"));
        Run dom = chromium(dir, "--dump-dom", "--window-size=" + WIDTH + ",1000", page.toUri().toString());
        JsonNode r = probeOutput(dom);
        assertEquals(report.charts().size(), r.get("imgs").size(), "one <img> per chart");
        assertEquals(0, r.get("resources").size(), "no resource loaded from anywhere: " + r.get("resources"));
        for (JsonNode img : r.get("imgs")) {
            assertTrue(img.get("id").asText().startsWith("png-"), img.toString());
            assertTrue(img.get("complete").asBoolean() && img.get("naturalWidth").asInt() == Charts.WIDTH,
                    "chart decoded: " + img);
            assertTrue(img.get("w").asDouble() >= 400 && img.get("h").asDouble() >= 200, "chart has a readable size: " + img);
        }
        for (JsonNode c : r.get("charts")) {
            assertFalse(c.get("drawn").asBoolean(), "no chart drawn without its scripts: " + c);
        }
    }

    private static JsonNode probeOutput(Run dom) throws IOException {
        Matcher m = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom.stdout);
        assertTrue(m.find(), "probe output in the DOM; stderr:\n" + dom.stderr);
        assertFalse(m.group(1).isBlank(), "the probe ran; stderr:\n" + dom.stderr);
        return ResultsFile.mapper().readTree(m.group(1).replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&"));
    }

    /** Fraction of clearly non-white pixels and the luminance standard deviation, over a grid of samples. */
    private static double[] regionStats(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        int dark = 0;
        double sum = 0;
        double sum2 = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y0 + h); y += 2) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x0 + w); x += 2) {
                int rgb = img.getRGB(x, y);
                double lum = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
                n++;
                sum += lum;
                sum2 += lum * lum;
                if (lum < 200) {
                    dark++;
                }
            }
        }
        double mean = sum / Math.max(1, n);
        return new double[] {(double) dark / Math.max(1, n), Math.sqrt(Math.max(0, sum2 / Math.max(1, n) - mean * mean))};
    }

    private record Run(String stdout, String stderr) {}

    private static Run chromium(Path workDir, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("regzoo-chromium-");
        try {
            List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                    "--force-device-scale-factor=1", "--host-resolver-rules=MAP * ~NOTFOUND",
                    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                    "--user-data-dir=" + profile));
            cmd.addAll(List.of(args));
            Path out = workDir.resolve("chromium.out");
            Path err = workDir.resolve("chromium.err");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 90 s: " + cmd);
            }
            return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
