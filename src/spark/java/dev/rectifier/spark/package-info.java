/**
 * rectifier in Apache Spark (docs/spark.md): the SQL functions {@code relu}, {@code leaky_relu},
 * {@code relu_grad}, {@code leaky_relu_grad} and {@code prelu} on {@code array<float>} and {@code
 * array<double>} columns, registered by {@link dev.rectifier.spark.RectifierExtensions}, and the
 * same as Column functions in {@link dev.rectifier.spark.RectifierFunctions}. The ML Transformer is
 * in {@link dev.rectifier.spark.ml}.
 *
 * <p>May use: {@code dev.rectifier.spark.expressions}.
 *
 * <p>May be used by: {@code dev.rectifier.spark.ml}.
 */
package dev.rectifier.spark;
