package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A device that runs out of memory (a child JVM whose address space is capped a little above its
 * use, so a 200M-float call's buffers cannot be had): a clear RectifierException, the output
 * untouched, and the Rectifier still works for calls that fit.
 */
class OutOfMemoryTest {

  @Test
  void aCallTheDeviceCannotAllocateThrowsAndLeavesTheOutputUnchanged() throws Exception {
    OpenClRequirement.devices();
    ChildJvm child =
        ChildJvm.run(
            OutOfMemoryProbe.class,
            Map.of(),
            Duration.ofSeconds(60),
            List.of("-Xms2g", "-Xmx2g"),
            "200000000",
            String.valueOf(256 << 20));
    String out = child.out();

    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(out.contains("large=LEAKY_RELU on OpenCL device "), child.transcript());
    assertTrue(
        Pattern.compile(" failed: CL_(OUT_OF_\\w+|MEM_OBJECT_ALLOCATION_FAILURE)")
            .matcher(out)
            .find(),
        child.transcript());
    assertTrue(out.contains("unchanged=true"), child.transcript());
    assertTrue(out.contains("small=[-1.0, 3.0]"), child.transcript());
  }
}
