package dev.rectifier;

import static org.jocl.CL.CL_BUFFER_CREATE_TYPE_REGION;
import static org.jocl.CL.CL_DEVICE_MEM_BASE_ADDR_ALIGN;
import static org.jocl.CL.CL_MEM_HOST_NO_ACCESS;
import static org.jocl.CL.CL_MEM_HOST_READ_ONLY;
import static org.jocl.CL.CL_MEM_HOST_WRITE_ONLY;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.jocl.CL.clCreateSubBuffer;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clReleaseMemObject;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_buffer_region;
import org.jocl.cl_mem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Device arrays over the user's buffers ({@link Rectifier#wrap}) that share memory, or whose flags
 * forbid a use: sub-buffers of one buffer ({@code clCreateSubBuffer}, at origins aligned to {@code
 * CL_DEVICE_MEM_BASE_ADDR_ALIGN}), one buffer wrapped twice, and buffers made read-only, write-only
 * or closed to the host. What the ops allow for ranges of one Java array they allow for shared
 * memory (the same memory in place), and refuse the rest naming the arguments, before anything is
 * written. (Before this, overlapping sub-buffers gave wrong results silently, and a {@code
 * CL_MEM_READ_ONLY} buffer was written.)
 */
class WrappedBufferTest {
  private static final int N = 4099;
  private static final float ALPHA = 0.5f;

  private UserOpenCl user;
  private Rectifier r;

  /** The sub-buffers made, released after the Rectifier. */
  private final List<cl_mem> made = new ArrayList<>();

  /** Floats between two sub-buffer origins: the device's base address alignment. */
  private int align;

  @BeforeEach
  void open() {
    user = new UserOpenCl(0);
    r = Rectifier.openCl(user.queue);
    int[] bits = new int[1];
    clGetDeviceInfo(
        user.device, CL_DEVICE_MEM_BASE_ADDR_ALIGN, Sizeof.cl_uint, Pointer.to(bits), null);
    align = bits[0] / 8 / Sizeof.cl_float;
  }

  @AfterEach
  void close() {
    r.close();
    made.forEach(m -> clReleaseMemObject(m));
    user.close();
  }

  @Test
  void overlappingSubBuffersAreRefusedNamingThemAndNothingIsWritten() {
    float[] data = values(N + align);
    cl_mem parent = user.buffer(data);
    DeviceArray a = r.wrap(sub(parent, 0, N), Precision.FLOAT, N);
    DeviceArray b = r.wrap(sub(parent, align, N), Precision.FLOAT, N);
    DeviceArray other = r.allocate(Precision.FLOAT, N);
    refused(() -> r.leakyRelu(a, b, ALPHA), "y partly shares memory with x");
    refused(() -> r.leakyRelu(b, a, ALPHA), "y partly shares memory with x");
    refused(() -> r.reluGrad(other, a, b), "dx partly shares memory with dy");
    refused(() -> a.copyTo(0, b, 0, N), "of this DeviceArray and [0, 4099) of target share");
    refused(() -> r.timing().copy(a, b), "of source and [0, 4099) of target share memory");
    r.finish();
    assertArrayEquals(data, user.read(parent, N + align), "nothing written");
    // Two inputs may share memory: only the output is written.
    r.reluGrad(a, b, other);
    float[] expected = new float[N];
    Rectifier.cpu().reluGrad(head(data, 0), head(data, align), expected);
    assertArrayEquals(expected, read(other));
  }

  @Test
  void aBufferAndItsSubBufferShareMemoryAndRunInPlaceOnlyWhenItIsTheSame() {
    float[] data = values(N + align);
    cl_mem parent = user.buffer(data);
    DeviceArray whole = r.wrap(parent, Precision.FLOAT, N);
    DeviceArray shifted = r.wrap(sub(parent, align, N), Precision.FLOAT, N);
    DeviceArray first = r.wrap(sub(parent, 0, N), Precision.FLOAT, N);
    refused(() -> r.relu(whole, shifted), "y partly shares memory with x");
    refused(() -> r.relu(shifted, whole), "y partly shares memory with x");
    refused(() -> r.leakyReluGrad(whole, shifted, shifted, ALPHA), "dx partly shares memory");
    // The sub-buffer at origin 0 is the same memory as the buffer's first N floats: in place.
    r.leakyRelu(whole, first, ALPHA);
    float[] expected = head(data, 0);
    Rectifier.cpu().leakyRelu(expected, expected, ALPHA);
    assertArrayEquals(expected, read(whole));
  }

  @Test
  void oneBufferWrappedTwiceIsTheSameMemory() {
    float[] data = values(N);
    cl_mem buffer = user.buffer(data);
    DeviceArray a = r.wrap(buffer, Precision.FLOAT, N);
    DeviceArray b = r.wrap(buffer, Precision.FLOAT, N);
    r.leakyRelu(a, b, ALPHA); // in place
    float[] expected = data.clone();
    Rectifier.cpu().leakyRelu(expected, expected, ALPHA);
    assertArrayEquals(expected, read(b));
    refused(() -> a.copyTo(0, b, 1, 10), "elements [0, 10) of this DeviceArray and [1, 11)");
    refused(() -> r.timing().copy(a, b), "source and [0, 4099) of target share memory");
    a.copyTo(0, b, 10, 10); // apart in the same buffer, as in one array
    System.arraycopy(expected, 0, expected, 10, 10);
    assertArrayEquals(expected, read(a));
  }

  @Test
  void disjointSubBuffersOfOneBufferAreIndependentArrays() {
    int gap = (N + align - 1) / align * align;
    float[] data = values(gap + N);
    cl_mem parent = user.buffer(data);
    DeviceArray a = r.wrap(sub(parent, 0, N), Precision.FLOAT, N);
    DeviceArray b = r.wrap(sub(parent, gap, N), Precision.FLOAT, N);
    r.leakyRelu(a, b, ALPHA);
    r.reluGrad(a, b, a);
    float[] x = head(data, 0);
    float[] y = new float[N];
    Rectifier cpu = Rectifier.cpu();
    cpu.leakyRelu(x, y, ALPHA);
    cpu.reluGrad(x, y, x);
    assertArrayEquals(y, read(b));
    assertArrayEquals(x, read(a));
  }

  @Test
  void preluRefusesAWeightOrDweightInTheMemoryOfAnArrayItWrites() {
    int channels = 8;
    int inner = 16;
    int n = 64 * channels * inner;
    float[] data = values(n + align);
    cl_mem parent = user.buffer(data);
    DeviceArray x = r.wrap(parent, Precision.FLOAT, n);
    DeviceArray inX = r.wrap(sub(parent, align, channels), Precision.FLOAT, channels);
    DeviceArray y = r.allocate(Precision.FLOAT, n);
    DeviceArray weight = r.upload(slice(data, 0, channels));
    refused(() -> r.prelu(x, x, inX, inner), "y shares memory with weight");
    refused(() -> r.preluGrad(x, y, y, weight, inner, inX), "dweight shares memory with x");
    refused(() -> r.preluGrad(y, y, x, weight, inner, inX), "dweight shares memory with dx");
    r.finish();
    assertArrayEquals(data, user.read(parent, n + align), "nothing written");
    // A weight read from x's memory while y is written elsewhere is fine, as with Java arrays.
    r.prelu(x, y, inX, inner);
    float[] expected = new float[n];
    Rectifier.cpu().prelu(slice(data, 0, n), expected, slice(data, align, channels), inner);
    assertArrayEquals(expected, read(y));
  }

  @Test
  void aReadOnlyBufferIsRefusedAsAnOutputAndAWriteOnlyOneAsAnInput() {
    float[] data = values(N);
    DeviceArray readOnly = r.wrap(user.buffer(CL_MEM_READ_ONLY, data), Precision.FLOAT, N);
    DeviceArray writeOnly = r.wrap(user.buffer(CL_MEM_WRITE_ONLY, data), Precision.FLOAT, N);
    DeviceArray plain = r.upload(data);
    DeviceArray weight = r.upload(new float[] {0.25f});
    refused(() -> r.relu(plain, readOnly), "y wraps a buffer made with CL_MEM_READ_ONLY");
    refused(() -> r.relu(readOnly, readOnly), "y wraps a buffer made with CL_MEM_READ_ONLY");
    refused(() -> r.reluGrad(writeOnly, plain, plain), "x wraps a buffer made with CL_MEM_WRITE");
    refused(() -> r.reluGrad(plain, writeOnly, plain), "dy wraps a buffer made with CL_MEM_WRITE");
    refused(
        () -> r.prelu(plain, readOnly, weight, 1), "y wraps a buffer made with CL_MEM_READ_ONLY");
    refused(() -> r.prelu(plain, plain, writeOnly, 1), "weight wraps a buffer made with CL_MEM_W");
    refused(
        () -> r.preluGrad(plain, plain, plain, weight, 1, readOnlyWeight()),
        "dweight wraps a buffer made with CL_MEM_READ_ONLY, so an op may not write it");
    r.finish();
    assertArrayEquals(data, read(readOnly), "nothing written");
    // As the flags allow: read-only as an input, write-only as an output.
    r.leakyRelu(readOnly, writeOnly, ALPHA);
    float[] expected = new float[N];
    Rectifier.cpu().leakyRelu(data, expected, ALPHA);
    DeviceArray copy = r.allocate(Precision.FLOAT, N);
    writeOnly.copyTo(0, copy, 0, N);
    assertArrayEquals(expected, read(copy));
  }

  @Test
  void hostFlagsRefuseTheReadsAndWritesTheyForbid() {
    float[] data = values(N);
    float[] other = values(N + 1);
    float[] into = new float[N];
    DeviceArray noAccess = r.wrap(user.buffer(CL_MEM_HOST_NO_ACCESS, data), Precision.FLOAT, N);
    DeviceArray readOnly = r.wrap(user.buffer(CL_MEM_HOST_READ_ONLY, data), Precision.FLOAT, N);
    DeviceArray writeOnly = r.wrap(user.buffer(CL_MEM_HOST_WRITE_ONLY, data), Precision.FLOAT, N);
    String noRead = "so the host may not read it";
    String noWrite = "so the host may not write it";
    refused(() -> noAccess.read(into), "this DeviceArray wraps a buffer made with CL_MEM_HOST_NO_");
    refused(() -> noAccess.read(into), noRead);
    refused(() -> noAccess.write(other, 0, 0, N), noWrite);
    refused(() -> readOnly.write(other, 1, 0, N), "CL_MEM_HOST_READ_ONLY, " + noWrite);
    refused(() -> writeOnly.read(into, 0, 0, N), "CL_MEM_HOST_WRITE_ONLY, " + noRead);
    for (DeviceArray a : List.of(noAccess, readOnly, writeOnly)) {
      assertArrayEquals(data, copied(a), "nothing written");
    }
    assertArrayEquals(new float[N], into, "nothing read");
    assertArrayEquals(data, read(readOnly));
    writeOnly.write(other, 1, 0, N);
    assertArrayEquals(head(other, 1), copied(writeOnly));
    // Ops run on them all: the host flags restrict the host alone.
    r.relu(noAccess, noAccess);
    float[] expected = data.clone();
    Rectifier.cpu().relu(expected, expected);
    assertArrayEquals(expected, copied(noAccess));
  }

  private DeviceArray readOnlyWeight() {
    return r.wrap(user.buffer(CL_MEM_READ_ONLY, new float[] {1}), Precision.FLOAT, 1);
  }

  /** A sub-buffer of {@code parent}: {@code n} floats from float {@code origin}. */
  private cl_mem sub(cl_mem parent, int origin, int n) {
    cl_buffer_region region =
        new cl_buffer_region((long) origin * Sizeof.cl_float, (long) n * Sizeof.cl_float);
    cl_mem m =
        clCreateSubBuffer(parent, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, region, null);
    made.add(m);
    return m;
  }

  /** The contents of {@code a}, copied on the device into an array the host may read. */
  private float[] copied(DeviceArray a) {
    try (DeviceArray copy = r.allocate(Precision.FLOAT, a.length())) {
      a.copyTo(0, copy, 0, a.length());
      return read(copy);
    }
  }

  private static float[] read(DeviceArray a) {
    float[] out = new float[a.length()];
    a.read(out);
    return out;
  }

  /** {@code N} floats of {@code data} from {@code from}. */
  private static float[] head(float[] data, int from) {
    return slice(data, from, N);
  }

  /** {@code n} floats of {@code data} from {@code from}. */
  private static float[] slice(float[] data, int from, int n) {
    float[] out = new float[n];
    System.arraycopy(data, from, out, 0, n);
    return out;
  }

  /** Distinct values of both signs, {@code -n/2} to {@code n/2} in quarters. */
  private static float[] values(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i - n / 2) * 0.25f;
    }
    return v;
  }

  private static void refused(Executable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
