package dev.rectifier.backend;

/**
 * The memories of a PReLU call on device arrays, of one backend and precision, checked by the
 * caller: {@code x}, {@code out} and (gradient) {@code dy} of {@code shape.length()} elements,
 * {@code weight} and (gradient) {@code dweight} of {@code shape.channels()}.
 *
 * @param shape the layout of {@code x}
 * @param x the forward input
 * @param dy the incoming gradient; null for the forward op
 * @param out {@code y}, or {@code dx} for the gradient
 * @param weight the slopes
 * @param dweight the weight gradient; null for the forward op
 */
public record PreluMemories(
    PreluShape shape,
    DeviceMemory x,
    DeviceMemory dy,
    DeviceMemory out,
    DeviceMemory weight,
    DeviceMemory dweight) {}
