/**
 * The Catalyst expressions behind rectifier's SQL functions: each row's array goes through the
 * library's public API, in generated code and interpreted alike.
 */
package dev.rectifier.spark.expressions;
