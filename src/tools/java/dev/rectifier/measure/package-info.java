/**
 * The measuring kit of {@code rectifier-tools}: timing with statistics ({@code Stopwatch}, {@code
 * Timing}), the host baselines an op is compared with, and what an op moves ({@code Traffic}).
 *
 * <p>May use: {@code dev.rectifier}.
 *
 * <p>May be used by: {@code dev.rectifier.cli}, {@code dev.rectifier.bench}, {@code
 * dev.rectifier.examples.*}.
 */
package dev.rectifier.measure;
