/**
 * The facade's calls on device arrays and buffers, checked and turned into backend requests: an op
 * on device arrays ({@code DeviceRequest}), PReLU on device arrays ({@code DevicePrelu}), an op on
 * {@code java.nio} buffers ({@code BufferCall}). What they need of a {@code DeviceArray} beyond its
 * public methods they reach through {@code DeviceArrayAccess}, which {@code DeviceArray} installs;
 * the record of a {@code Rectifier}'s open arrays, which its close frees ({@code OpenArrays}).
 * Internal.
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.backend}, {@code dev.rectifier.half}.
 *
 * <p>May be used by: {@code dev.rectifier}.
 */
package dev.rectifier.calls;
