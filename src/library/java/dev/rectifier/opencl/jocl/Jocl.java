package dev.rectifier.opencl.jocl;

import static org.jocl.CL.CL_SUCCESS;

import dev.rectifier.RectifierException;
import org.jocl.CL;
import org.jocl.CLException;

/**
 * Every JOCL call rectifier makes goes through {@link #call} (a call that returns its status) or
 * {@link #make} (one that writes its status into {@code errcode_ret}), which turn a failure into a
 * {@link Failure}. JOCL's {@code CL.setExceptionsEnabled} is JVM-wide, has no getter and belongs to
 * the user's code, so rectifier never sets it: with it off a failing call returns its status, with
 * it on JOCL throws a {@link CLException}; both are read here, so that a failure is the same {@link
 * Failure}, with the same message, either way.
 */
public final class Jocl {
  private Jocl() {}

  /**
   * A JOCL call that failed: a {@link RectifierException} whose message is the status's name (e.g.
   * {@code CL_OUT_OF_HOST_MEMORY}). The callers that know what was being done catch it and say so.
   */
  public static final class Failure extends RectifierException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private Failure(int status, Throwable cause) {
      super(CL.stringFor_errorCode(status), cause);
      this.status = status;
    }

    /** The OpenCL status the call gave, e.g. {@code CL_DEVICE_NOT_FOUND}. */
    public int status() {
      return status;
    }
  }

  /** A JOCL call that returns its status. */
  @FunctionalInterface
  public interface Call {
    int run();
  }

  /** A JOCL call that makes something and writes its status into {@code errcode_ret}. */
  @FunctionalInterface
  public interface Making<T> {
    T make(int[] errcodeRet);
  }

  /**
   * Runs {@code call}.
   *
   * @throws Failure if it fails
   */
  public static void call(Call call) {
    int status;
    try {
      status = call.run();
    } catch (CLException e) {
      throw new Failure(e.getStatus(), e);
    }
    if (status != CL_SUCCESS) {
      throw new Failure(status, null);
    }
  }

  /**
   * What {@code call} makes, given an {@code errcode_ret} to write its status into.
   *
   * @throws Failure if it fails
   */
  public static <T> T make(Making<T> call) {
    int[] status = new int[1];
    T made;
    try {
      made = call.make(status);
    } catch (CLException e) {
      throw new Failure(e.getStatus(), e);
    }
    if (status[0] != CL_SUCCESS) {
      throw new Failure(status[0], null);
    }
    return made;
  }
}
