/**
 * The contract suite of {@code rectifier-tools}: the reference results, the special and random
 * inputs, and the comparison in ULPs that {@code rectifier verify} and the tests check a backend
 * with.
 *
 * <p>May use: {@code dev.rectifier}.
 *
 * <p>May be used by: {@code dev.rectifier.cli}, {@code dev.rectifier.bench}, {@code
 * dev.rectifier.examples.*}.
 */
package dev.rectifier.verify;
