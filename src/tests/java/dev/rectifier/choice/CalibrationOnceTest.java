package dev.rectifier.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import dev.rectifier.CreateProbe;
import dev.rectifier.OpenClRequirement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVMs that start together on a machine without a cached verdict calibrate once, one after the
 * other waiting for it, and so agree (four used to measure at once, disturbing one another, and
 * disagreed).
 */
class CalibrationOnceTest {
  private static final int JVMS = 4;
  private static final Pattern REASON = Pattern.compile("(?m)^reason=(.*)$");

  @Test
  void jvmsStartingTogetherCalibrateOnceAndAgree(@TempDir Path cache) throws Exception {
    OpenClRequirement.devices();
    Map<String, String> env = CreateProbe.defaultsWithCacheIn(cache);
    ExecutorService pool = Executors.newFixedThreadPool(JVMS);
    try {
      List<Future<ChildJvm>> children = new ArrayList<>();
      for (int i = 0; i < JVMS; i++) {
        children.add(
            pool.submit(
                () -> ChildJvm.run(CreateProbe.class, env, Duration.ofSeconds(120), List.of())));
      }
      List<String> reasons = new ArrayList<>();
      int calibrations = 0;
      StringBuilder transcripts = new StringBuilder();
      for (Future<ChildJvm> child : children) {
        ChildJvm done = child.get();
        transcripts.append(done.transcript());
        assertEquals(0, done.exitCode(), done.transcript());
        Matcher reason = REASON.matcher(done.out());
        assertTrue(reason.find(), done.transcript());
        reasons.add(reason.group(1));
        calibrations += done.err().split("rectifier: calibrated ", -1).length - 1;
      }
      assertEquals(1, calibrations, "calibrations in " + JVMS + " JVMs:\n" + transcripts);
      assertEquals(1, reasons.stream().distinct().count(), "their choices: " + reasons);
    } finally {
      pool.shutdownNow();
    }
  }
}
