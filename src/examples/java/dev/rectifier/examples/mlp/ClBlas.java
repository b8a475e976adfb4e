package dev.rectifier.examples.mlp;

import static org.jocl.blast.CLBlastLayout.CLBlastLayoutRowMajor;
import static org.jocl.blast.CLBlastTranspose.CLBlastTransposeNo;
import static org.jocl.blast.CLBlastTranspose.CLBlastTransposeYes;

import org.jocl.blast.CLBlast;
import org.jocl.blast.CLBlastStatusCode;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * CLBlast's single-precision routines (through JOCLBlast) on row-major matrices in buffers, each
 * enqueued on one queue without waiting. A routine that CLBlast refuses throws {@link
 * IllegalStateException} naming it and CLBlast's status.
 */
final class ClBlas {
  private final cl_command_queue queue;
  private final cl_mem ones;

  /**
   * @param queue where every routine is enqueued
   * @param ones at least as many floats 1.0 as any matrix given has rows
   */
  ClBlas(cl_command_queue queue, cl_mem ones) {
    this.queue = queue;
    this.ones = ones;
  }

  /**
   * {@code c = op(a) · op(b)} ({@code m × n}, summing over {@code k}), as {@link HostMath#multiply}
   * defines it: SGEMM.
   */
  void multiply(
      cl_mem a, boolean transposeA, cl_mem b, boolean transposeB, cl_mem c, int m, int n, int k) {
    check(
        "SGEMM",
        CLBlast.CLBlastSgemm(
            CLBlastLayoutRowMajor,
            transposeA ? CLBlastTransposeYes : CLBlastTransposeNo,
            transposeB ? CLBlastTransposeYes : CLBlastTransposeNo,
            m,
            n,
            k,
            1f,
            a,
            0,
            transposeA ? m : k,
            b,
            0,
            transposeB ? k : n,
            0f,
            c,
            0,
            n,
            queue,
            null));
  }

  /**
   * Adds {@code row} to every row of {@code c} ({@code rows × cols}): SGER, {@code c += 1·rowᵀ}.
   */
  void addToRows(cl_mem c, int rows, int cols, cl_mem row) {
    check(
        "SGER",
        CLBlast.CLBlastSger(
            CLBlastLayoutRowMajor, rows, cols, 1f, ones, 0, 1, row, 0, 1, c, 0, cols, queue, null));
  }

  /** {@code sums} = the column sums of {@code a} ({@code rows × cols}): SGEMV, {@code aᵀ · 1}. */
  void columnSums(cl_mem a, int rows, int cols, cl_mem sums) {
    check(
        "SGEMV",
        CLBlast.CLBlastSgemv(
            CLBlastLayoutRowMajor,
            CLBlastTransposeYes,
            rows,
            cols,
            1f,
            a,
            0,
            cols,
            ones,
            0,
            1,
            0f,
            sums,
            0,
            1,
            queue,
            null));
  }

  /** {@code y += factor · x}, over {@code n} floats: SAXPY. */
  void addScaled(float factor, cl_mem x, cl_mem y, int n) {
    check("SAXPY", CLBlast.CLBlastSaxpy(n, factor, x, 0, 1, y, 0, 1, queue, null));
  }

  /** {@code result[0]} = the sum of the first {@code n} floats of {@code x}: SSUM. */
  void sum(cl_mem x, int n, cl_mem result) {
    check("SSUM", CLBlast.CLBlastSsum(n, result, 0, x, 0, 1, queue, null));
  }

  private static void check(String routine, int status) {
    if (status != CLBlastStatusCode.CLBlastSuccess) {
      throw new IllegalStateException(
          "CLBlast " + routine + " failed: " + CLBlastStatusCode.stringFor(status));
    }
  }
}
