package dev.rectifier;

import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_platform_id;

/**
 * Run in a child JVM by {@link JoclSettingTest}: sets JOCL's JVM-wide exceptions setting to {@code
 * args[0]} as a user's code would, then uses rectifier under it, and prints what a failing JOCL
 * call of the user's own does after rectifier found its devices and at the end. After the first
 * such call it sets the setting again, as a user who found it changed would, so that what follows
 * runs under the user's setting even on a rectifier that changes it. {@code args[1]} is the task:
 * {@code build} opens OpenCL (with a kernel source that does not build, named by the test); {@code
 * ops} runs ops on OpenCL and on the CPU and names the forms whose bits differ, then caps its
 * address space to {@code args[3]} bytes above its use and uploads {@code args[2]} floats, which
 * the device cannot hold, then runs a small op.
 */
public final class JoclSettingProbe {
  /** Elements of the ops compared: three channels of inner 7, over several chunks of lanes. */
  private static final int N = 21 * 150_001;

  private JoclSettingProbe() {}

  public static void main(String[] args) throws Exception {
    boolean enabled = Boolean.parseBoolean(args[0]);
    CL.setExceptionsEnabled(enabled);
    Rectifier.devices();
    System.out.println("raw after discovery=" + rawFailingCall());
    CL.setExceptionsEnabled(enabled);
    if (args[1].equals("build")) {
      try (Rectifier r = Rectifier.openCl()) {
        System.out.println("openCl=opened " + r.describe());
      } catch (RuntimeException e) {
        System.out.println("openCl=" + e);
      }
    } else {
      try (Rectifier r = Rectifier.openCl();
          Rectifier cpu = Rectifier.cpu()) {
        System.out.println("mismatches=" + mismatches(r, cpu));
        float[] large = new float[Integer.parseInt(args[2])];
        OutOfMemoryProbe.capAddressSpace(Long.parseLong(args[3]));
        try (DeviceArray onDevice = r.upload(large)) {
          System.out.println("upload=ran");
        } catch (RuntimeException e) {
          System.out.println("upload=" + e);
        }
        float[] small = new float[2];
        r.leakyRelu(new float[] {-2f, 3f}, small, 0.5f);
        System.out.println("small=" + Arrays.toString(small));
      }
    }
    System.out.println("raw at the end=" + rawFailingCall());
  }

  /**
   * A JOCL call that fails (a platform asked for a parameter OpenCL does not have): what it
   * returned, or what it threw.
   */
  private static String rawFailingCall() {
    cl_platform_id[] platform = new cl_platform_id[1];
    clGetPlatformIDs(1, platform, null);
    try {
      return "returned "
          + CL.stringFor_errorCode(clGetPlatformInfo(platform[0], 0xFFFF, 0, null, new long[1]));
    } catch (CLException e) {
      return "threw " + e.getMessage();
    }
  }

  /** The forms (Java arrays, direct buffers, device arrays, PReLU) whose bits differ. */
  private static List<String> mismatches(Rectifier device, Rectifier cpu) {
    float[] x = values(1);
    float[] dy = values(2);
    float[] weight = {0.25f, -0.5f, 3f};
    List<String> wrong = new ArrayList<>();
    for (Rectifier r : List.of(device, cpu)) {
      r.leakyRelu(x, new float[N], 0.5f); // warm up what each form makes on first use
    }
    float[][] results = new float[2][];
    float[][] dweights = new float[2][3];
    for (int form = 0; form < 5; form++) {
      for (int b = 0; b < 2; b++) {
        Rectifier r = b == 0 ? device : cpu;
        float[] out = new float[N];
        switch (form) {
          case 0 -> r.leakyRelu(x, out, 0.5f);
          case 1 -> r.leakyReluGrad(x, dy, out, -0.5f);
          case 2 -> {
            FloatBuffer in = direct(x);
            FloatBuffer y = direct(new float[N]);
            r.leakyRelu(in, y, 0.01f);
            y.get(out);
          }
          case 3 -> {
            try (DeviceArray a = r.upload(x);
                DeviceArray g = r.upload(dy)) {
              r.leakyReluGrad(a, g, g, 5);
              g.read(out);
            }
          }
          default -> r.preluGrad(x, dy, out, weight, 7, dweights[b]);
        }
        results[b] = out;
      }
      if (!Arrays.equals(results[0], results[1]) || !Arrays.equals(dweights[0], dweights[1])) {
        wrong.add("form " + form);
      }
    }
    return wrong;
  }

  /** The contract's special values, then seeded normal values of many magnitudes. */
  private static float[] values(long seed) {
    float[] specials = {
      0f,
      -0f,
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      Float.MIN_NORMAL,
      1f,
      -1f,
      -2.5f,
      Float.MAX_VALUE,
      -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.NaN
    };
    float[] v = new float[N];
    Random random = new Random(seed);
    for (int i = 0; i < N; i++) {
      v[i] =
          i < specials.length
              ? specials[i]
              : (float) Math.scalb(random.nextGaussian(), random.nextInt(41) - 20);
    }
    return v;
  }

  private static FloatBuffer direct(float[] values) {
    FloatBuffer b =
        ByteBuffer.allocateDirect(values.length * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    b.put(values).flip();
    return b;
  }
}
