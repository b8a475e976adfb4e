package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.cache.ProgramBinaryCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A program build through the binary cache: stored, and a garbled entry replaced. */
class CachedBuildTest {
  @TempDir Path folder;

  static Stream<DeviceInfo> devices() {
    return OpenClRequirement.devices().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void aBuildIsStoredAndAGarbledEntryIsReplacedByACompile(DeviceInfo d) throws IOException {
    OpenClRuntime.Device device = OpenClRuntime.select(String.valueOf(d.index()));
    DeviceContext shared = DeviceContext.of(device);
    ProgramBinaryCache cache = ProgramBinaryCache.in(folder);
    // A source of its own, so the shared program map does not answer instead of the cache.
    String source = KernelSource.activations() + "\n// cache test " + System.nanoTime() + "\n";
    String key =
        ProgramBinaryCache.key(
            source, ActivationProgram.buildOptions(Precision.FLOAT, d.type()), d);

    ActivationProgram.build(
        shared.context(), device.id(), d, Precision.FLOAT, source, Optional.of(cache));
    byte[] stored = cache.load(key).orElseThrow();
    assertTrue(stored.length > 0);

    ActivationProgram.build(
        shared.context(), device.id(), d, Precision.FLOAT, source, Optional.of(cache));

    Files.write(folder.resolve(key + ".bin"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
    ActivationProgram.build(
        shared.context(), device.id(), d, Precision.FLOAT, source, Optional.of(cache));
    assertTrue(cache.load(key).orElseThrow().length > 8, "the garbled entry was replaced");
  }

  /** Each precision's program, the 16-bit ones included, is stored under a key of its own. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void eachPrecisionIsCachedUnderAKeyOfItsOwn(DeviceInfo d) {
    OpenClRuntime.Device device = OpenClRuntime.select(String.valueOf(d.index()));
    DeviceContext shared = DeviceContext.of(device);
    ProgramBinaryCache cache = ProgramBinaryCache.in(folder);
    String source = KernelSource.activations() + "\n// cache test " + System.nanoTime() + "\n";
    Set<String> keys = new HashSet<>();
    for (Precision p : Precision.values()) {
      if (p == Precision.DOUBLE && !d.fp64()) {
        continue;
      }
      String key = ProgramBinaryCache.key(source, ActivationProgram.buildOptions(p, d.type()), d);
      assertTrue(keys.add(key), p + " has a key of its own");
      ActivationProgram.build(shared.context(), device.id(), d, p, source, Optional.of(cache))
          .release();
      assertTrue(cache.load(key).isPresent(), p + " was stored");
    }
  }
}
