package dev.rectifier;

import dev.rectifier.cpu.ChosenKernels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link MappedFileTest}: Leaky ReLU on the backend {@code args[0]} names
 * ({@code cpu} or {@code opencl}), once with {@code x} a view of a memory-mapped file that lost its
 * last page under its mapping and once with {@code y} a range of one that lost all but its first,
 * the second after many calls on readable direct buffers, so that the page reads run hot (on Java
 * 17 a fault in hot reads is raised late, wherever the thread is then, unless the check raises it),
 * then a small call on the same Rectifier. Prints {@code java=}, a line per case ({@code x=} or
 * {@code y=}: the exception's class, and its cause's), and {@code after=}; a SIGBUS in native code
 * ends the JVM instead (exit 134).
 */
public final class MappedFileProbe {
  /** Floats in the file: 4 MiB, many pages. */
  private static final int N = 1 << 20;

  /**
   * Calls on readable direct buffers before the y case: enough for the JIT to compile the page
   * reads.
   */
  private static final int WARM_CALLS = 20_000;

  private MappedFileProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("java=" + Runtime.version().feature());
    ChosenKernels.await(); // the loops the CPU backend chose, the Java 22 ones on buffers included
    try (Rectifier cpu = Rectifier.cpu()) {
      System.out.println("cpu=" + cpu.describe());
    }
    try (Rectifier r = args[0].equals("cpu") ? Rectifier.cpu() : Rectifier.openCl()) {
      for (String truncated : new String[] {"x", "y"}) {
        if (truncated.equals("y")) {
          warmUp();
        }
        Path file = Files.createTempFile("rectifier-mapped", ".bin");
        try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          FloatBuffer mapped =
              channel
                  .map(FileChannel.MapMode.READ_WRITE, 0, (long) N * Float.BYTES)
                  .order(ByteOrder.nativeOrder())
                  .asFloatBuffer();
          FloatBuffer direct = direct(N);
          for (int i = 0; i < N; i++) {
            mapped.put(i, i % 7 - 3f);
          }
          // x's file loses its last page alone, which a check must reach; y's range lies wholly
          // past the file's new end.
          channel.truncate(truncated.equals("x") ? (long) N * Float.BYTES - 4096 : 4096);
          try {
            if (truncated.equals("x")) {
              r.leakyRelu(mapped, direct, 0.5f); // all of it
            } else {
              // A range past the end of the file, after the x case: a second error left pending
              // by that one would be raised in this call instead of its own.
              r.leakyRelu(direct.slice(0, N / 16), mapped.slice(N / 2, N / 16), 0.5f);
            }
            System.out.println(truncated + "=ran");
          } catch (RuntimeException | Error e) {
            e.printStackTrace(); // to the transcript
            Throwable cause = e.getCause();
            System.out.println(
                truncated
                    + "="
                    + e.getClass().getName()
                    + " cause="
                    + (cause == null ? null : cause.getClass().getName())
                    + " message="
                    + e.getMessage());
          }
        } finally {
          delete(file);
        }
      }
      float[] out = new float[2];
      r.leakyRelu(new float[] {-2f, 3f}, out, 0.5f);
      System.out.println("after=" + Arrays.toString(out));
    }
  }

  /** Runs the buffer checks hot, on the CPU backend (they run before any backend). */
  private static void warmUp() {
    FloatBuffer small = direct(4096); // 4 pages
    try (Rectifier cpu = Rectifier.cpu()) {
      for (int i = 0; i < WARM_CALLS; i++) {
        cpu.leakyRelu(small, small, 0.5f);
      }
    }
  }

  private static FloatBuffer direct(int n) {
    return ByteBuffer.allocateDirect(n * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  private static void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }
}
