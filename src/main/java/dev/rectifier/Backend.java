package dev.rectifier;

/**
 * A way of computing {@link Request}s: the seam between {@link Rectifier} and its backends (the
 * Java CPU backend and OpenCL). Users hold a {@link Rectifier}, not a backend.
 */
public interface Backend extends AutoCloseable {

  /** What this backend runs on, e.g. {@code "CPU: Java, 2 threads"}. */
  String describe();

  /** Whether this backend computes requests of the given precision. */
  boolean supports(Precision precision);

  /**
   * Computes a checked, non-empty request of a supported precision and writes its output range, and
   * nothing else.
   */
  void run(Request request);

  /** Releases what the backend holds. Idempotent. */
  @Override
  void close();
}
