/**
 * The API, and all of it: {@link dev.rectifier.Rectifier} (the ops), {@link
 * dev.rectifier.DeviceArray}, {@link dev.rectifier.DeviceTiming}, {@link dev.rectifier.Op}, {@link
 * dev.rectifier.Precision}, {@link dev.rectifier.DeviceInfo}, {@link dev.rectifier.DeviceType} and
 * the two exceptions. Every type here is one a user holds; the module exports this package alone.
 *
 * <p>May use: {@code dev.rectifier.backend}, {@code dev.rectifier.calls}, {@code
 * dev.rectifier.half}, {@code dev.rectifier.choice}, {@code dev.rectifier.cpu}, {@code
 * dev.rectifier.opencl}, {@code dev.rectifier.settings}, {@code org.jocl}.
 *
 * <p>May be used by: anyone.
 */
package dev.rectifier;
