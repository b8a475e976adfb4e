package dev.rectifier;

import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Seeded {@link RandomValues} tensors, cached so that large ones are made once. */
final class RandomTensors {
  private record Key(Distribution distribution, Precision precision, int size, long seed) {}

  private final Map<Key, Object> cache = new ConcurrentHashMap<>();

  /** The tensor for these parameters; the same arguments give the same values. Do not modify. */
  Object get(Distribution distribution, Precision precision, int size, long seed) {
    return cache.computeIfAbsent(
        new Key(distribution, precision, size, seed),
        k -> Tensors.of(RandomValues.draw(distribution, precision, size, seed), precision));
  }

  void clear() {
    cache.clear();
  }
}
