package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link DeviceArray#close()} and {@link Rectifier#close()} racing a use of the same array in
 * another thread (read, write, an op, a timed op): the use completes or throws {@code
 * IllegalStateException}, and memory is never freed under a running command. On PoCL this aborted
 * the JVM within tens of tries before close waited for the work in flight.
 */
class CloseRaceTest {
  private static final int TRIES = 400;

  @Test
  void closingRacesUseOnTheCpuBackend() throws Exception {
    assertSurvives("cpu");
  }

  @Test
  void closingRacesUseOnOpenCl() throws Exception {
    OpenClRequirement.devices();
    assertSurvives("opencl");
  }

  private static void assertSurvives(String backend) throws Exception {
    ChildJvm child =
        ChildJvm.run(
            CloseRaceProbe.class,
            Map.of(),
            Duration.ofMinutes(3),
            List.of("-Xmx1g"),
            backend,
            String.valueOf(TRIES));
    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(child.out().contains("ok " + TRIES), child.transcript());
  }
}
