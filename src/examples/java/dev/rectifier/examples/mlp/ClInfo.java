package dev.rectifier.examples.mlp;

import java.nio.charset.StandardCharsets;
import org.jocl.Pointer;

/** Reads the C strings that OpenCL's {@code clGet*Info} calls return. */
final class ClInfo {
  private ClInfo() {}

  /** One {@code clGet*Info} call: the size of the value, where to write it, its size out. */
  @FunctionalInterface
  interface Call {
    void get(long size, Pointer value, long[] sizeOut);
  }

  /** Asks {@code call} for the size, then the string, and returns it without its NUL, trimmed. */
  static String string(Call call) {
    long[] size = new long[1];
    call.get(0, null, size);
    byte[] bytes = new byte[(int) size[0]];
    call.get(bytes.length, Pointer.to(bytes), null);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
  }
}
