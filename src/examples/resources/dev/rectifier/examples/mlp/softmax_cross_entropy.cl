/*
 * Softmax cross-entropy of the logits z (rows x classes, row-major) against one label a row, one
 * work-item a row, as HostMath.softmaxCrossEntropy computes it on the host:
 *   dz       = (softmax(z) - onehot(label)) * per_row
 *   row_loss = (log(sum(exp(z - max))) - (z[label] - max)) * per_row
 * With per_row = 1 / rows, the sum of row_loss (CLBlast's SSUM) is the batch's mean loss and dz
 * is that mean's gradient with respect to z.
 */
__kernel void softmax_cross_entropy(__global const float *z, __global const int *labels,
                                    const int classes, const float per_row,
                                    __global float *dz, __global float *row_loss) {
  const size_t row = get_global_id(0);
  const size_t at = row * classes;
  const int label = labels[row];
  float top = z[at];
  for (int j = 1; j < classes; j++) {
    top = fmax(top, z[at + j]);
  }
  float sum = 0.0f;
  for (int j = 0; j < classes; j++) {
    sum += exp(z[at + j] - top);
  }
  row_loss[row] = (log(sum) - (z[at + label] - top)) * per_row;
  for (int j = 0; j < classes; j++) {
    dz[at + j] = (exp(z[at + j] - top) / sum - (j == label ? 1.0f : 0.0f)) * per_row;
  }
}
