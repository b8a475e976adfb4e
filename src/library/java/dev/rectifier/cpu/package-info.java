/**
 * The Java CPU backend ({@code CpuBackend}): the loops, plain and Vector API, float and their
 * generated double twins, and the 16-bit ones, found by {@code Kernels}, and PReLU's fixed-order
 * sums. Internal.
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.backend}, {@code dev.rectifier.half},
 * {@code jdk.incubator.vector}.
 *
 * <p>May be used by: {@code dev.rectifier}, {@code dev.rectifier.choice}, {@code
 * dev.rectifier.opencl}.
 */
package dev.rectifier.cpu;
