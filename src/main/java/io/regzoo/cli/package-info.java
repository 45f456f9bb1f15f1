/**
 * The command line ({@code regzoo}, picocli) and the MNIST demo main class. Sits on top of every
 * other package; nothing imports it.
 */
package io.regzoo.cli;
