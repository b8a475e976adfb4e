/**
 * The seam between the facade and the backends: the {@code Backend} interface, the requests it runs
 * (checked when made: {@code Request}, {@code FloatRequest}, {@code DoubleRequest}, {@code
 * PreluRequest}), host ranges, device memory, the threads a call may use ({@code CallThreads}), and
 * the names the public enums do not show ({@code Names}). Internal.
 *
 * <p>May use: {@code dev.rectifier}, {@code org.jocl}.
 *
 * <p>May be used by: {@code dev.rectifier}, {@code dev.rectifier.calls}, {@code
 * dev.rectifier.choice}, {@code dev.rectifier.cpu}, {@code dev.rectifier.opencl}, {@code
 * dev.rectifier.opencl.transfer}.
 */
package dev.rectifier.backend;
