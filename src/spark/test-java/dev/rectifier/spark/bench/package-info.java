/**
 * The Spark benchmark, a main class beside the tests (docs/spark.md).
 *
 * <p>May use: {@code dev.rectifier.spark}, {@code dev.rectifier.spark.ml}.
 *
 * <p>May be used by: nothing of rectifier's (it is the top).
 */
package dev.rectifier.spark.bench;
