/**
 * The Rectifier each Spark executor JVM shares among its tasks: which backend and device a task
 * gets, and closing them when the JVM ends.
 */
package dev.rectifier.spark.executor;
