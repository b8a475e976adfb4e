package dev.rectifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link OutOfMemoryTest}: caps its own address space a little above what it
 * uses, so that the OpenCL device cannot hold a large array, then tries to upload one, runs a large
 * call on Java arrays (which needs only chunk-sized buffers) and a small one.
 */
public final class OutOfMemoryProbe {
  private OutOfMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    long headroomBytes = Long.parseLong(args[1]);
    float[] x = new float[n];
    float[] y = new float[n];
    Arrays.fill(x, -2f);
    Arrays.fill(y, 9f);
    float[] small = {-2f, 3f};
    try (Rectifier r = Rectifier.openCl()) {
      r.relu(small, new float[2]);
      capAddressSpace(headroomBytes);
      try (DeviceArray onDevice = r.upload(x)) {
        System.out.println("upload=ran");
      } catch (RectifierException e) {
        System.out.println("upload=" + e.getMessage());
      }
      r.leakyRelu(x, y, 0.5f);
      System.out.println(
          "large=" + Arrays.stream(new int[] {0, n / 2, n - 1}).allMatch(i -> y[i] == -1f));
      float[] out = new float[2];
      r.leakyRelu(small, out, 0.5f);
      System.out.println("small=" + Arrays.toString(out));
    }
  }

  /** Sets RLIMIT_AS to the current virtual size plus {@code headroomBytes}, with prlimit(1). */
  static void capAddressSpace(long headroomBytes) throws IOException, InterruptedException {
    long vmKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmSize:")) {
        vmKb = Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    long limit = vmKb * 1024 + headroomBytes;
    Process p =
        new ProcessBuilder(
                "prlimit", "--pid", String.valueOf(ProcessHandle.current().pid()), "--as=" + limit)
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("prlimit failed");
    }
  }
}
