/**
 * The command line ({@code regzoo}, picocli: demo, zoo, compare, train, sweep, card, predict,
 * bench, report, data, help) and the MNIST demo main class {@link io.regzoo.cli.MnistDemo}. Sits on
 * top of every other package; nothing imports it.
 *
 * <p>{@code Main} registers the commands, inherits picocli's standard help options to all of them
 * ({@code -h/--help}, {@code -V/--version}) and turns user mistakes into one line and status 2.
 * Commands print only through their {@code CommandSpec}'s {@code getOut()}/{@code getErr()}.
 * {@code compare} and {@code demo} run experiments through {@code RunConsole}, the one post-run
 * block: progress, Ctrl-C, per-trial lines, totals, summary table, report.
 */
package io.regzoo.cli;
