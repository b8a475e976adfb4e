/**
 * Choosing the backend {@code Rectifier.create()} runs on: the settings' choice ({@code
 * BackendChoice}), the auto choice's size-aware dispatch ({@code SizeAwareBackend}), the
 * calibration of its crossover ({@code Calibration}, split by job: {@code CalibrationSettings},
 * {@code CalibrationRule}, {@code BackendTimer}, {@code VerdictKey}, {@code VerdictFile}, {@code
 * CacheLock}), and the OpenCL drivers it is keyed by, read without loading one ({@code
 * OpenClDrivers}). Internal.
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.backend}, {@code dev.rectifier.cache},
 * {@code dev.rectifier.cpu}, {@code dev.rectifier.opencl}, {@code dev.rectifier.settings}, {@code
 * org.jocl}.
 *
 * <p>May be used by: {@code dev.rectifier}.
 */
package dev.rectifier.choice;
