package dev.rectifier.opencl;

/** Run in a child JVM by {@link SignalChainingTest}: discovers the OpenCL devices, nothing more. */
public final class DiscoveryProbe {
  private DiscoveryProbe() {}

  public static void main(String[] args) {
    System.out.println("devices=" + OpenClRuntime.devices().size());
  }
}
