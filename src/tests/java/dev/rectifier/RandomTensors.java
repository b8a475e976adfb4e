package dev.rectifier;

import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeded {@link RandomValues} tensors, cached so that large ones are made once, and dropped after
 * the class when registered on a static field with {@link RegisterExtension}.
 */
final class RandomTensors implements AfterAllCallback {
  private record Key(Distribution distribution, Precision precision, int size, long seed) {}

  private final Map<Key, Object> cache = new ConcurrentHashMap<>();

  /** The tensor for these parameters; the same arguments give the same values. Do not modify. */
  Object get(Distribution distribution, Precision precision, int size, long seed) {
    return cache.computeIfAbsent(
        new Key(distribution, precision, size, seed),
        k -> Tensors.of(RandomValues.draw(distribution, precision, size, seed), precision));
  }

  /** Drops the cached tensors. */
  @Override
  public void afterAll(ExtensionContext context) {
    cache.clear();
  }
}
