package dev.rectifier.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar on stderr, or nothing when it is not wanted. */
final class Progress implements AutoCloseable {
  private static final int WIDTH = 100;

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar of {@code steps} steps if {@code shown}, else a progress that prints nothing. */
  static Progress start(boolean shown, String task, long steps) {
    if (!shown) {
      return new Progress(null);
    }
    return new Progress(
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(steps)
            .setConsumer(new ConsoleProgressBarConsumer(System.err, WIDTH))
            .build());
  }

  /** Marks one step done; {@code next} names the step that follows. */
  void step(String next) {
    if (bar != null) {
      bar.setExtraMessage(next);
      bar.step();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
