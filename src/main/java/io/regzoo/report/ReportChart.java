package io.regzoo.report;

/**
 * One rendered chart of the report.
 *
 * @param id a stable identifier, unique within the report, usable as an HTML id and file stem
 *     (letters, digits, {@code -})
 * @param title the chart's title
 * @param caption one or two sentences saying what the chart shows and how to read it
 * @param png the PNG image
 */
public record ReportChart(String id, String title, String caption, byte[] png) {

    /**
     * Validates the id.
     *
     * @param id the id
     * @param title the title
     * @param caption the caption
     * @param png the PNG bytes
     * @throws IllegalArgumentException when the id is not made of letters, digits and {@code -} or the image is empty
     */
    public ReportChart {
        if (id == null || !id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("chart id must be letters, digits and '-', got " + id);
        }
        if (png == null || png.length == 0) {
            throw new IllegalArgumentException("chart " + id + " has no image");
        }
    }

    /** @return the file name the chart is written to next to the report, {@code <id>.png} */
    public String fileName() {
        return id + ".png";
    }
}
