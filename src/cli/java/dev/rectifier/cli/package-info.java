/**
 * The command line, {@code rectifier} ({@code RectifierCommand}): {@code devices}, {@code verify},
 * {@code bench} and {@code plot}, with the bench's charts and result files.
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.measure}, {@code dev.rectifier.verify}.
 *
 * <p>May be used by: nothing of rectifier's (it is the top).
 */
package dev.rectifier.cli;
