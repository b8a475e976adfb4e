/**
 * rectifier's forward ops as a Spark ML {@link org.apache.spark.ml.Transformer}, for vector and
 * array columns in a {@link org.apache.spark.ml.Pipeline}.
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.spark}, {@code
 * dev.rectifier.spark.executor}.
 *
 * <p>May be used by: nothing of rectifier's (it is the top).
 */
package dev.rectifier.spark.ml;
