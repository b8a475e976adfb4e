/**
 * The 16-bit storage formats of docs/contract.md ("HALF and BFLOAT16"): float to and from IEEE
 * binary16 bits ({@code Fp16}) and bfloat16 bits ({@code Bf16}), correctly rounded, a value or a
 * range at a time, and {@code Format16}, the one a {@link dev.rectifier.Precision} names. Written
 * by hand for Java 17, which has no {@code Float.floatToFloat16}. Internal: users convert through
 * {@code Precision}.
 *
 * <p>May use: {@code dev.rectifier}.
 *
 * <p>May be used by: {@code dev.rectifier}, {@code dev.rectifier.calls}, {@code dev.rectifier.cpu},
 * {@code dev.rectifier.opencl}.
 */
package dev.rectifier.half;
