package dev.rectifier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link OpenArraysTest}: allocates {@code count} float device arrays of
 * {@code mib} MiB each on OpenCL and leaves them open, then closes the Rectifier, printing the
 * resident set size (kB) before the arrays ({@code rss start=...}), with them open ({@code rss
 * open=...}) and after the close ({@code rss closed=...}). The arrays stay reachable throughout, so
 * that only the close can free them.
 */
public final class OpenArraysProbe {
  private OpenArraysProbe() {}

  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[0]);
    int floats = Integer.parseInt(args[1]) << 18;
    Rectifier r = Rectifier.openCl();
    System.out.println("rss start=" + LeakProbe.rssKb());
    List<DeviceArray> arrays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      arrays.add(r.allocate(Precision.FLOAT, floats));
    }
    System.out.println("rss open=" + LeakProbe.rssKb());
    r.close();
    System.out.println("rss closed=" + LeakProbe.rssKb());
    System.out.println("arrays " + arrays.size());
  }
}
