package dev.rectifier.opencl.transfer;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Things that one caller at a time may use (a lane of queue and buffers; a staging buffer), made on
 * demand and reused: {@link #borrow()} one, use it, {@link #giveBack} it. Thread-safe. The pool
 * keeps every one it made, so {@link #close()} releases them all.
 *
 * @param <T> what is pooled
 */
public final class Pool<T> implements AutoCloseable {
  private final Supplier<T> make;
  private final Consumer<T> release;
  private final Queue<T> idle = new ConcurrentLinkedQueue<>();
  private final Queue<T> all = new ConcurrentLinkedQueue<>();

  /**
   * @param make makes one when none is idle; what it throws reaches {@link #borrow()}'s caller
   * @param release releases one, at {@link #close()}
   */
  public Pool(Supplier<T> make, Consumer<T> release) {
    this.make = make;
    this.release = release;
  }

  /** An idle one, or a new one. */
  public T borrow() {
    T t = idle.poll();
    if (t == null) {
      t = make.get();
      all.add(t);
    }
    return t;
  }

  /** Makes {@code t}, which {@link #borrow()} gave, idle again. */
  public void giveBack(T t) {
    idle.add(t);
  }

  /** Releases every one this pool made. Call when none is borrowed. */
  @Override
  public void close() {
    idle.clear();
    for (T t = all.poll(); t != null; t = all.poll()) {
      release.accept(t);
    }
  }
}
