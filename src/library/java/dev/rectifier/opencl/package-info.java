/**
 * The OpenCL backend ({@code OpenClBackend}): devices and contexts, the kernels' source, programs
 * and their known-answer checks, lanes for Java arrays, device arrays, and the user's own handles.
 * The CPU backend is the reference its PReLU known answers are checked against. Internal.
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.backend}, {@code dev.rectifier.cache},
 * {@code dev.rectifier.cpu}, {@code dev.rectifier.opencl.jocl}, {@code
 * dev.rectifier.opencl.transfer}, {@code dev.rectifier.settings}, {@code org.jocl}.
 *
 * <p>May be used by: {@code dev.rectifier}, {@code dev.rectifier.choice}.
 */
package dev.rectifier.opencl;
