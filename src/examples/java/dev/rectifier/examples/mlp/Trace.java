package dev.rectifier.examples.mlp;

/**
 * What one training step computed, on the host: every intermediate matrix (row-major), the loss,
 * the gradients and the parameters after the update.
 *
 * @param z1 the hidden layer's pre-activation {@code x · w1 + b1}, {@code batch × hidden}
 * @param a1 {@code leakyRelu(z1)}
 * @param z2 the logits {@code a1 · w2 + b2}, {@code batch × outputs}
 * @param dz2 the loss's gradient with respect to {@code z2}
 * @param da1 {@code dz2 · w2ᵀ}
 * @param dz1 {@code leakyReluGrad(z1, da1)}
 * @param loss the mean softmax cross-entropy over the batch, before the update
 * @param gradients the loss's gradients with respect to the parameters
 * @param updated the parameters after the update, {@code parameters − learningRate · gradients}
 */
public record Trace(
    float[] z1,
    float[] a1,
    float[] z2,
    float[] dz2,
    float[] da1,
    float[] dz1,
    float loss,
    Parameters gradients,
    Parameters updated) {}
