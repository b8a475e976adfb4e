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
 * use, so a 200M-float device array cannot be had): a clear RectifierException; a call on Java
 * arrays of that size still runs, in chunks, and is right; and the Rectifier keeps working.
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
    assertTrue(
        out.contains("upload=allocating 200000000 floats on OpenCL device "), child.transcript());
    assertTrue(
        Pattern.compile(" failed: CL_(OUT_OF_\\w+|MEM_OBJECT_ALLOCATION_FAILURE)")
            .matcher(out)
            .find(),
        child.transcript());
    assertTrue(out.contains("large=true"), child.transcript());
    assertTrue(out.contains("small=[-1.0, 3.0]"), child.transcript());
  }
}
