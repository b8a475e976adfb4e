/**
 * The ways Java arrays cross to an OpenCL device and back ({@code HostTransfer}: pinned, mapped or
 * shared host memory), with their buffers and pool. Internal.
 *
 * <p>May use: {@code dev.rectifier.backend}, {@code dev.rectifier.opencl.jocl}, {@code org.jocl}.
 *
 * <p>May be used by: {@code dev.rectifier.opencl}.
 */
package dev.rectifier.opencl.transfer;
