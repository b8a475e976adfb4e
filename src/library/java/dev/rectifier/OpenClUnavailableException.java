package dev.rectifier;

/**
 * No usable OpenCL device: no OpenCL library, no platform, or no device matching the request. The
 * message says which.
 */
public class OpenClUnavailableException extends RectifierException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message gives the reason. */
  public OpenClUnavailableException(String reason) {
    super(reason);
  }
}
