/**
 * The build-time code generator ({@code PrecisionCodeGenerator}): it writes the CPU backend's
 * {@code Double*} twins from their hand-written {@code Float*} sources. Run by {@code
 * scripts/generate}; the tests check the twins against it. Not published.
 *
 * <p>May use: nothing of rectifier's (the JDK alone; it runs as a single-file program).
 *
 * <p>May be used by: nothing of rectifier's (the tests alone).
 */
package dev.rectifier.generator;
