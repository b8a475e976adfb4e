package dev.rectifier.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before every test class, waits until the CPU backend runs the loops it chose for this JVM: with
 * the Vector API module, the plain loops run until C2 has compiled the vector loops, and a test run
 * meant for the vector loops would otherwise test the plain loops. Registered for every test class
 * by {@code META-INF/services} (JUnit's extension autodetection, switched on in the tests' pom).
 */
public final class ChosenKernels implements BeforeAllCallback {
  private static final long PATIENCE_MILLIS = 120_000;

  @Override
  public void beforeAll(ExtensionContext context) throws InterruptedException {
    await();
  }

  /** Waits as before every test class, for a child JVM's probe; fails if they are not chosen. */
  public static void await() throws InterruptedException {
    assertTrue(
        Kernels.awaitChosen(PATIENCE_MILLIS),
        () -> "the CPU backend still runs " + Kernels.found().description());
  }
}
