/**
 * The Spark engine: {@link io.regzoo.spark.SparkExecutor} runs an experiment's trials on an Apache Spark
 * cluster ({@code local[N]}, standalone, YARN, Kubernetes), one Spark task per trial, behind the
 * {@link io.regzoo.experiment.TrialExecutor} seam; only the driver appends to {@code results.jsonl}.
 * {@link io.regzoo.spark.SparkTrial} is the code that runs on the executors. See docs/SPARK.md.
 *
 * <p>Compiled only with the Maven profile {@code spark} (on by default; the {@code ./regzoo} launcher
 * leaves it off unless a command asks for {@code --engine spark}); nothing outside this package imports
 * it: the command line finds it by name ({@link io.regzoo.spark.SparkExecutor#create}).
 *
 * <p>May import {@code experiment} and everything below it; never {@code report}, {@code bench} or
 * {@code cli}.
 */
package io.regzoo.spark;
