/**
 * Aggregation and statistics over trials (mean, std, confidence intervals, Welch's t-test),
 * charts (XChart, rendered headless), and the Markdown, HTML, CSV and JSON writers.
 *
 * <p>May import {@code experiment} and everything below it; never {@code cli}.
 */
package io.regzoo.report;
