/**
 * The command line ({@code regzoo}, picocli: demo, zoo, compare, train, sweep, card, predict,
 * report, data) and the MNIST demo main class {@link io.regzoo.cli.MnistDemo}. Sits on top of every
 * other package; nothing imports it.
 */
package io.regzoo.cli;
