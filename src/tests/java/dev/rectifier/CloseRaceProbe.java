package dev.rectifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Closes device arrays, and Rectifiers, while another thread uses them, many times over: each use
 * must either complete or throw {@code IllegalStateException} saying what is closed, and the JVM
 * must live. Prints {@code ok <tries>}, or the unexpected failures. Run in a child JVM by {@link
 * CloseRaceTest}, since freeing memory under a running command crashes it.
 *
 * <p>Arguments: {@code cpu} or {@code opencl}, then the number of tries.
 */
public final class CloseRaceProbe {
  private CloseRaceProbe() {}

  /** One way of using an array that a close may race with. */
  private interface Use {
    void run(Rectifier r, DeviceArray a, float[] host);
  }

  private static final List<Use> USES =
      List.of(
          (r, a, host) -> a.read(host),
          (r, a, host) -> a.write(host),
          (r, a, host) -> r.relu(a, a),
          (r, a, host) -> r.leakyRelu(a, a, 0.01),
          (r, a, host) -> r.timing().kernel(Op.RELU, a, null, a, 0));

  public static void main(String[] args) throws Exception {
    boolean openCl = args[0].equals("opencl");
    int tries = Integer.parseInt(args[1]);
    List<Throwable> unexpected = new ArrayList<>();
    float[] host = new float[1 << 16];
    try (Rectifier shared = open(openCl)) {
      for (int t = 0; t < tries && unexpected.isEmpty(); t++) {
        boolean closeRectifier = t % 4 == 3;
        Rectifier r = closeRectifier ? open(openCl) : shared;
        DeviceArray a = r.upload(host);
        Use use = USES.get(t % USES.size());
        CountDownLatch started = new CountDownLatch(1);
        Thread user =
            new Thread(
                () -> {
                  started.countDown();
                  try {
                    for (int i = 0; i < 1000; i++) {
                      use.run(r, a, host.clone());
                    }
                  } catch (IllegalStateException e) {
                    if (!e.getMessage().contains("is closed")) {
                      synchronized (unexpected) {
                        unexpected.add(e);
                      }
                    }
                  } catch (Throwable e) {
                    synchronized (unexpected) {
                      unexpected.add(e);
                    }
                  }
                });
        user.start();
        started.await();
        Thread.sleep(0, ThreadLocalRandom.current().nextInt(200_000));
        if (closeRectifier) {
          r.close();
        }
        a.close();
        user.join();
      }
    }
    if (unexpected.isEmpty()) {
      System.out.println("ok " + tries);
    } else {
      unexpected.get(0).printStackTrace(System.out);
      System.exit(1);
    }
  }

  private static Rectifier open(boolean openCl) {
    return openCl ? Rectifier.openCl() : Rectifier.cpu();
  }
}
