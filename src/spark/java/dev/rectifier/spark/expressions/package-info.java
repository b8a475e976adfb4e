/**
 * The Catalyst expressions behind rectifier's SQL functions: each row's array goes through the
 * library's public API, in generated code and interpreted alike.
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.spark.executor}.
 *
 * <p>May be used by: {@code dev.rectifier.spark}.
 */
package dev.rectifier.spark.expressions;
