package dev.rectifier;

/** A failure of a backend, such as an OpenCL error or a kernel build failure. */
public class RectifierException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public RectifierException(String message) {
    super(message);
  }

  /** An exception with a message and the failure behind it. */
  public RectifierException(String message, Throwable cause) {
    super(message, cause);
  }
}
