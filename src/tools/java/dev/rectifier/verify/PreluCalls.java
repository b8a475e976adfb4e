package dev.rectifier.verify;

import dev.rectifier.DeviceArray;
import dev.rectifier.Rectifier;

/**
 * {@link Rectifier}'s PReLU methods on arrays held as {@code Object}, all {@code float[]}, all
 * {@code double[]}, or {@link Bits16} elements with {@code float[]} weights: on Java arrays, and on
 * device arrays uploaded from them and read back.
 */
public final class PreluCalls {
  private PreluCalls() {}

  /** {@code r.prelu(x, y, weight, inner)}. */
  public static void forward(Rectifier r, Object x, Object y, Object weight, int inner) {
    if (x instanceof Bits16 xb) {
      r.prelu(xb.precision(), xb.bits(), ((Bits16) y).bits(), (float[]) weight, inner);
    } else if (x instanceof double[] xd) {
      r.prelu(xd, (double[]) y, (double[]) weight, inner);
    } else {
      r.prelu((float[]) x, (float[]) y, (float[]) weight, inner);
    }
  }

  /** {@code r.preluGrad(x, dy, dx, weight, inner, dweight)}. */
  public static void gradient(
      Rectifier r, Object x, Object dy, Object dx, Object weight, int inner, Object dweight) {
    if (x instanceof Bits16 xb) {
      r.preluGrad(
          xb.precision(),
          xb.bits(),
          ((Bits16) dy).bits(),
          ((Bits16) dx).bits(),
          (float[]) weight,
          inner,
          (float[]) dweight);
    } else if (x instanceof double[] xd) {
      r.preluGrad(xd, (double[]) dy, (double[]) dx, (double[]) weight, inner, (double[]) dweight);
    } else {
      r.preluGrad(
          (float[]) x, (float[]) dy, (float[]) dx, (float[]) weight, inner, (float[]) dweight);
    }
  }

  /** A device array holding a copy of {@code data}. */
  public static DeviceArray upload(Rectifier r, Object data) {
    if (data instanceof Bits16 b) {
      return r.upload(b.precision(), b.bits());
    }
    return data instanceof double[] d ? r.upload(d) : r.upload((float[]) data);
  }

  /** {@code data} read into a new array of its type and length. */
  public static Object read(DeviceArray data, Object like) {
    Object result = Tensors.copy(like);
    readInto(data, result);
    return result;
  }

  /** {@code data} read into {@code target}, an array of its type and length. */
  public static void readInto(DeviceArray data, Object target) {
    if (target instanceof Bits16 b) {
      data.read(b.bits());
    } else if (target instanceof double[] d) {
      data.read(d);
    } else {
      data.read((float[]) target);
    }
  }
}
