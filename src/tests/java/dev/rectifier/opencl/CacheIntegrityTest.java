package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.TestPrecisions;
import dev.rectifier.cache.ProgramBinaryCache;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries of the program binary cache that are not what their name says are never handed to the
 * driver: a truncated binary (which crashed the JVM inside {@code clCreateProgramWithBinary}) and
 * the float and double binaries swapped (which gave zeros). Each run is a child JVM with its own
 * cache folder, since a bad binary can take the JVM down.
 */
class CacheIntegrityTest {
  private static final String FLOATS = "float=[1.0, 0.0, 3.0, 0.0, 5.0, 0.0, 7.0, 0.0, 9.0]";
  private static final String DOUBLES = "double=[1.0, 0.0, 3.0, 0.0, 5.0, 0.0, 7.0, 0.0, 9.0]";

  @TempDir Path cache;

  @Test
  void aBinaryCutToHalfIsReplacedNotLoaded() throws Exception {
    populate();
    for (Path entry : entries()) {
      truncate(entry, Files.size(entry) / 2);
    }
    twiceRight();
  }

  @Test
  void aBinaryCutTo2000BytesIsReplacedNotLoaded() throws Exception {
    populate();
    for (Path entry : entries()) {
      truncate(entry, 2000);
    }
    twiceRight();
  }

  @Test
  void floatAndDoubleBinariesSwappedAreReplacedNotLoaded() throws Exception {
    populate();
    Path[] entries = entries();
    Path aside = cache.resolve("aside");
    Files.move(entries[0], aside);
    Files.move(entries[1], entries[0]);
    Files.move(aside, entries[1]);
    twiceRight();
  }

  /** Runs the probe on an empty cache, which stores both programs. */
  private void populate() throws Exception {
    ChildJvm child = probe();
    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(child.out().contains(FLOATS), child.transcript());
    for (Path entry : entries()) {
      assertTrue(Files.size(entry) > 2000, entry + " holds a real binary");
    }
  }

  /** The probe gives right results on this cache, and again on what that run left in it. */
  private void twiceRight() throws Exception {
    for (int run = 1; run <= 2; run++) {
      ChildJvm child = probe();
      assertEquals(0, child.exitCode(), "run " + run + ": " + child.transcript());
      assertTrue(child.out().contains(FLOATS), "run " + run + ": " + child.transcript());
      assertTrue(child.out().contains(DOUBLES), "run " + run + ": " + child.transcript());
    }
    ProgramBinaryCache reader = ProgramBinaryCache.in(cache);
    DeviceInfo d = OpenClRuntime.best();
    for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
      String key =
          ProgramBinaryCache.key(
              KernelSource.activations(), ActivationProgram.buildOptions(p, d.type()), d);
      assertTrue(reader.load(key).isPresent(), p + " was cached again");
    }
  }

  /** The float and the double entry, in that order. */
  private Path[] entries() {
    DeviceInfo d = OpenClRequirement.devices().get(OpenClRuntime.best().index());
    assertTrue(d.fp64(), "this test needs a device with cl_khr_fp64: " + d.describe());
    Path[] entries = new Path[2];
    for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
      String key =
          ProgramBinaryCache.key(
              KernelSource.activations(), ActivationProgram.buildOptions(p, d.type()), d);
      entries[p.ordinal()] = cache.resolve(key + ".bin");
      assertTrue(Files.isRegularFile(entries[p.ordinal()]), entries[p.ordinal()] + " exists");
    }
    return entries;
  }

  private static void truncate(Path file, long length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(length);
    }
  }

  private ChildJvm probe() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("RECTIFIER_CACHE_DIR", cache.toString());
    env.put("RECTIFIER_BINARY_CACHE", "true");
    env.put("RECTIFIER_DEVICE", null);
    env.put("RECTIFIER_KERNEL_SOURCE", null);
    // A crash's hs_err file goes with the cache, not into the working directory.
    return ChildJvm.run(
        CacheProbe.class,
        env,
        Duration.ofSeconds(60),
        List.of("-XX:ErrorFile=" + cache.resolve("hs_err_pid%p.log")));
  }
}
