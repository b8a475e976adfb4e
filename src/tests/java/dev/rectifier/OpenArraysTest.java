package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/**
 * {@link Rectifier#close()} frees the device arrays left open, which then throw as closed arrays
 * do; a wrapped array releases only its retain of the user's buffer; and the record of open arrays
 * keeps none alive: an array dropped open is freed once the garbage collector finds it. (Before
 * this, 50 arrays of 64 MiB left open kept the resident set at 3,343 MB after the close.)
 */
class OpenArraysTest {
  private static final Pattern RSS = Pattern.compile("(?m)^rss (\\w+)=(\\d+)$");

  /** Collections to wait for a dropped array's memory to be freed, each followed by a pause. */
  private static final int COLLECTIONS = 200;

  @Test
  void closeFreesArraysLeftOpenWhichThenThrowAsClosedOnes() {
    float[] data = {1, -2, 3};
    try (UserOpenCl user = new UserOpenCl(0)) {
      cl_mem buffer = user.buffer(data);
      Rectifier r = Rectifier.openCl(user.queue);
      DeviceArray wrapped = r.wrap(buffer, Precision.FLOAT, 3);
      DeviceArray allocated = r.upload(data);
      assertEquals(2, UserOpenCl.references(buffer), "wrap retains the buffer");
      r.close();
      assertEquals(1, UserOpenCl.references(buffer), "close released only the wrap's retain");
      assertArrayEquals(data, user.read(buffer, 3), "the user's buffer is intact");
      for (DeviceArray a : List.of(wrapped, allocated)) {
        assertClosed(() -> a.read(new float[3]));
        assertClosed(() -> a.write(data));
        assertClosed(() -> r.relu(a, a));
        assertClosed(a::clMem);
        assertClosed(() -> a.copyTo(0, a, 2, 1));
        a.close(); // frees nothing twice
      }
      assertEquals(1, UserOpenCl.references(buffer));
    }
    Rectifier cpu = Rectifier.cpu();
    DeviceArray onCpu = cpu.upload(data);
    cpu.close();
    assertClosed(() -> onCpu.read(new float[3]));
    onCpu.close();
  }

  @Test
  void anArrayDroppedOpenIsNotKeptAliveAndAWrappedOneReleasesItsRetainOnceCollected()
      throws InterruptedException {
    try (UserOpenCl user = new UserOpenCl(0);
        Rectifier r = Rectifier.openCl(user.queue)) {
      cl_mem buffer = user.buffer(new float[1000]);
      WeakReference<DeviceArray> allocated = dropped(r.allocate(Precision.FLOAT, 1000));
      WeakReference<DeviceArray> wrapped = dropped(r.wrap(buffer, Precision.FLOAT, 1000));
      assertEquals(2, UserOpenCl.references(buffer), "wrap retains the buffer");
      collect(() -> allocated.get() == null && wrapped.get() == null, "the dropped arrays");
      collect(() -> UserOpenCl.references(buffer) == 1, "the wrapped array's retain");
      r.relu(new float[] {-1}, new float[1]); // the Rectifier works on
    }
  }

  @Test
  void closeFreesTheMemoryOfArraysLeftOpen() throws Exception {
    OpenClRequirement.devices();
    int count = 50;
    int mib = 64;
    ChildJvm child =
        ChildJvm.run(
            OpenArraysProbe.class,
            Map.of(),
            Duration.ofMinutes(2),
            List.of("-Xmx256m"),
            String.valueOf(count),
            String.valueOf(mib));
    assertEquals(0, child.exitCode(), child.transcript());
    Matcher m = RSS.matcher(child.out());
    long[] kb = new long[3];
    for (int i = 0; i < kb.length; i++) {
      assertTrue(m.find(), child.transcript());
      kb[i] = Long.parseLong(m.group(2));
    }
    System.out.println("OpenArraysProbe " + count + " x " + mib + " MiB:\n" + child.out());
    long arraysKb = (long) count * mib << 10;
    assertTrue(kb[1] - kb[0] >= arraysKb * 8 / 10, "the arrays are resident: " + child.out());
    assertTrue(kb[1] - kb[2] >= arraysKb * 8 / 10, "close freed them: " + child.out());
  }

  /** A weak reference to {@code array}, which the caller holds no longer. */
  private static WeakReference<DeviceArray> dropped(DeviceArray array) {
    return new WeakReference<>(array);
  }

  /** Runs the garbage collector until {@code done}, failing after {@link #COLLECTIONS}. */
  private static void collect(BooleanSupplier done, String what) throws InterruptedException {
    for (int i = 0; i < COLLECTIONS && !done.getAsBoolean(); i++) {
      System.gc();
      Thread.sleep(10); // the Cleaner's thread runs the free
    }
    assertTrue(done.getAsBoolean(), what + " still held after " + COLLECTIONS + " collections");
  }

  private static void assertClosed(org.junit.jupiter.api.function.Executable call) {
    IllegalStateException e = assertThrows(IllegalStateException.class, call);
    assertTrue(e.getMessage().contains("is closed"), e.getMessage());
  }
}
