package io.regzoo.report;

/**
 * One rendered chart of the report.
 *
 * @param id a stable identifier, unique within the report, usable as an HTML id and file stem
 *     (letters, digits, {@code -})
 * @param title the chart's title
 * @param caption one or two sentences saying what the chart shows and how to read it
 * @param png the PNG image
 * @param model what the chart shows, for the interactive chart of {@code index.html}; {@code null}
 *     for a chart that exists as an image only (then the page shows the PNG)
 */
public record ReportChart(String id, String title, String caption, byte[] png, ChartModel model) {

    /**
     * Validates the id.
     *
     * @param id the id
     * @param title the title
     * @param caption the caption
     * @param png the PNG bytes
     * @param model the chart's model, or null
     * @throws IllegalArgumentException when the id is not made of letters, digits and {@code -}, the image is empty,
     *     or the model has another id
     */
    public ReportChart {
        if (id == null || !id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("chart id must be letters, digits and '-', got " + id);
        }
        if (png == null || png.length == 0) {
            throw new IllegalArgumentException("chart " + id + " has no image");
        }
        if (model != null && !model.id().equals(id)) {
            throw new IllegalArgumentException("chart " + id + " has the model of chart " + model.id());
        }
    }

    /**
     * A chart that exists as an image only.
     *
     * @param id the id
     * @param title the title
     * @param caption the caption
     * @param png the PNG bytes
     * @throws IllegalArgumentException when the id is not made of letters, digits and {@code -} or the image is empty
     */
    public ReportChart(String id, String title, String caption, byte[] png) {
        this(id, title, caption, png, null);
    }

    /**
     * A chart drawn from its model: the PNG by {@link ChartPng}, the interactive chart from the model.
     *
     * @param model the chart
     * @param caption what it shows and how to read it
     * @return the chart
     */
    public static ReportChart of(ChartModel model, String caption) {
        return new ReportChart(model.id(), model.title(), caption, ChartPng.render(model), model);
    }

    /** @return the file name the chart is written to next to the report, {@code <id>.png} */
    public String fileName() {
        return id + ".png";
    }
}
