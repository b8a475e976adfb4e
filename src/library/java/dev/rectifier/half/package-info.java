/**
 * The 16-bit storage formats of docs/contract.md ("HALF and BFLOAT16"): float to and from IEEE
 * binary16 bits ({@code Fp16}) and bfloat16 bits ({@code Bf16}), correctly rounded, a value or an
 * array at a time. Written by hand for Java 17, which has no {@code Float.floatToFloat16}. No op
 * uses them yet. Internal.
 *
 * <p>May use: nothing of rectifier's.
 *
 * <p>May be used by: {@code dev.rectifier}, {@code dev.rectifier.cpu}.
 */
package dev.rectifier.half;
