/**
 * The example (not published): one training step of a small MLP on the device, rectifier's ops
 * beside the user's own OpenCL kernels and CLBlast on one queue, checked against the same step on
 * the host ({@code MlpExample}).
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.measure}, {@code org.jocl}.
 *
 * <p>May be used by: nothing of rectifier's (it is the top).
 */
package dev.rectifier.examples.mlp;
