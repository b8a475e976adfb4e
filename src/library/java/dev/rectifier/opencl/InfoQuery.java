package dev.rectifier.opencl;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformInfo;
import static org.jocl.CL.clGetProgramBuildInfo;

import dev.rectifier.opencl.jocl.Jocl;
import java.nio.charset.StandardCharsets;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/** Reads typed values from OpenCL's {@code clGet*Info} calls. */
final class InfoQuery {
  private InfoQuery() {}

  static String string(cl_device_id device, int param) {
    return string(
        (size, value, sizeOut) ->
            Jocl.call(() -> clGetDeviceInfo(device, param, size, value, sizeOut)));
  }

  static String string(cl_platform_id platform, int param) {
    return string(
        (size, value, sizeOut) ->
            Jocl.call(() -> clGetPlatformInfo(platform, param, size, value, sizeOut)));
  }

  /** The build log of {@code program} on {@code device}. */
  static String buildLog(cl_program program, cl_device_id device) {
    return string(
        (size, value, sizeOut) ->
            Jocl.call(
                () ->
                    clGetProgramBuildInfo(
                        program, device, CL_PROGRAM_BUILD_LOG, size, value, sizeOut)));
  }

  /** A {@code cl_ulong} or {@code cl_bitfield} value. */
  static long longValue(cl_device_id device, int param) {
    long[] value = new long[1];
    Jocl.call(() -> clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null));
    return value[0];
  }

  /** A {@code cl_uint} value. */
  static int intValue(cl_device_id device, int param) {
    int[] value = new int[1];
    Jocl.call(() -> clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null));
    return value[0];
  }

  /** One {@code clGet*Info} call: the size of the value, where to write it, its size out. */
  @FunctionalInterface
  private interface InfoCall {
    void get(long size, Pointer value, long[] sizeOut);
  }

  /** Asks for the size, then the value, and returns the NUL-terminated C string, trimmed. */
  private static String string(InfoCall call) {
    long[] size = new long[1];
    call.get(0, null, size);
    byte[] bytes = new byte[(int) size[0]];
    call.get(bytes.length, Pointer.to(bytes), null);
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
  }
}
