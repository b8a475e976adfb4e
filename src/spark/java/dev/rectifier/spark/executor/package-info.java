/**
 * The Rectifier each Spark executor JVM shares among its tasks: which backend and device a task
 * gets, and closing them when the JVM ends.
 *
 * <p>May use: {@code dev.rectifier}, {@code org.jocl}.
 *
 * <p>May be used by: {@code dev.rectifier.spark.expressions}, {@code dev.rectifier.spark.ml}.
 */
package dev.rectifier.spark.executor;
