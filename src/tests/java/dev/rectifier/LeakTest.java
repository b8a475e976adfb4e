package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenCL objects and native memory stay flat over 10^4 create/close cycles and 10^5 calls: the
 * resident set size of a child JVM with a fixed, pre-touched heap grows by at most {@link
 * #ALLOWED_GROWTH_KB} after a warm-up (a leak of one buffer per call would add gigabytes).
 */
class LeakTest {
  private static final long ALLOWED_GROWTH_KB = 16 * 1024;

  @Test
  void callsLeaveNativeMemoryFlat() throws Exception {
    assertFlat("calls", 100_000, Duration.ofMinutes(3));
  }

  @Test
  void createCloseCyclesLeaveNativeMemoryFlat() throws Exception {
    assertFlat("cycles", 10_000, Duration.ofMinutes(20));
  }

  private static void assertFlat(String what, int count, Duration limit) throws Exception {
    OpenClRequirement.devices();
    ChildJvm child =
        ChildJvm.run(
            LeakProbe.class,
            Map.of("MALLOC_ARENA_MAX", "2"),
            limit,
            List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"),
            what,
            String.valueOf(count));
    assertEquals(0, child.exitCode(), child.transcript());
    long growth = kb(child.out(), "end=") - kb(child.out(), "warm=");
    assertTrue(
        growth <= ALLOWED_GROWTH_KB,
        count + " " + what + " grew the RSS by " + growth + " kB: " + child.transcript());
  }

  private static long kb(String out, String key) {
    int at = out.indexOf(key) + key.length();
    return Long.parseLong(out.substring(at, out.indexOf('\n', at)).trim());
  }
}
