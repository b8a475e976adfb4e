/**
 * rectifier's forward ops as a Spark ML {@link org.apache.spark.ml.Transformer}, for vector and
 * array columns in a {@link org.apache.spark.ml.Pipeline}.
 */
package dev.rectifier.spark.ml;
