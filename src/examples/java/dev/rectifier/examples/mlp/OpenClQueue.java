package dev.rectifier.examples.mlp;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * An OpenCL context on one device and one in-order command queue in it, made with plain JOCL as a
 * user's own OpenCL code makes them; closing releases both. Devices are numbered as {@code
 * rectifier devices} numbers them: platform by platform, in the order the ICD loader lists them.
 */
public final class OpenClQueue implements AutoCloseable {
  private final cl_device_id device;
  private final cl_context context;
  private final cl_command_queue queue;
  private final String description;

  private OpenClQueue(Device chosen) {
    CL.setExceptionsEnabled(true);
    device = chosen.id();
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL_CONTEXT_PLATFORM, chosen.platform());
    context = clCreateContext(properties, 1, new cl_device_id[] {device}, null, null, null);
    queue = createQueue(context, device);
    description = chosen.describe();
  }

  @SuppressWarnings("deprecation") // clCreateCommandQueue is deprecated in 2.0 but on every ICD
  private static cl_command_queue createQueue(cl_context context, cl_device_id device) {
    return clCreateCommandQueue(context, device, 0, null);
  }

  /**
   * A queue on the device that {@code selector} names: blank for the first GPU (else the first
   * device), a number for that device, or else the first device whose name or platform contains it,
   * ignoring case.
   *
   * @throws IllegalStateException when there is no OpenCL device, or none that the selector names
   */
  public static OpenClQueue open(String selector) {
    List<Device> devices = devices();
    if (devices.isEmpty()) {
      throw new IllegalStateException(
          "no OpenCL device found: install a driver and the ICD loader (libOpenCL.so.1), "
              + "e.g. apt-get install ocl-icd-libopencl1 pocl-opencl-icd");
    }
    String wanted = selector == null ? "" : selector.strip().toLowerCase(Locale.ROOT);
    Optional<Device> chosen =
        wanted.isEmpty()
            ? devices.stream()
                .filter(Device::isGpu)
                .findFirst()
                .or(() -> Optional.of(devices.get(0)))
            : devices.stream().filter(d -> d.matches(wanted)).findFirst();
    return new OpenClQueue(
        chosen.orElseThrow(
            () ->
                new IllegalStateException(
                    "no OpenCL device matches \""
                        + selector
                        + "\"; there are: "
                        + devices.stream().map(Device::describe).toList())));
  }

  /** The device: its index, name, platform, OpenCL version and driver version. */
  public String describe() {
    return description;
  }

  /** The device the queue runs on. */
  public cl_device_id device() {
    return device;
  }

  /** The context the queue and every buffer of the example belong to. */
  public cl_context context() {
    return context;
  }

  /** The in-order queue. */
  public cl_command_queue queue() {
    return queue;
  }

  @Override
  public void close() {
    clReleaseCommandQueue(queue);
    clReleaseContext(context);
  }

  private static List<Device> devices() {
    CL.setExceptionsEnabled(true);
    int[] count = new int[1];
    clGetPlatformIDs(0, null, count);
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    clGetPlatformIDs(platforms.length, platforms, null);
    List<Device> devices = new ArrayList<>();
    for (cl_platform_id platform : platforms) {
      try {
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
      } catch (CLException e) { // CL_DEVICE_NOT_FOUND: a platform without devices
        continue;
      }
      cl_device_id[] ids = new cl_device_id[count[0]];
      clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
      for (cl_device_id id : ids) {
        devices.add(new Device(devices.size(), platform, id));
      }
    }
    return devices;
  }

  /** A device found, by its place in the list. */
  private record Device(int index, cl_platform_id platform, cl_device_id id) {
    boolean isGpu() {
      long[] type = new long[1];
      clGetDeviceInfo(id, CL_DEVICE_TYPE, Sizeof.cl_ulong, Pointer.to(type), null);
      return (type[0] & CL_DEVICE_TYPE_GPU) != 0;
    }

    /** Whether {@code wanted}, lower case, is this device's index or part of its description. */
    boolean matches(String wanted) {
      return wanted.equals(Integer.toString(index))
          || describe().toLowerCase(Locale.ROOT).contains(wanted);
    }

    String describe() {
      return "#"
          + index
          + " "
          + info(id, CL_DEVICE_NAME)
          + " ("
          + ClInfo.string(
              (size, value, out) -> clGetPlatformInfo(platform, CL_PLATFORM_NAME, size, value, out))
          + ", "
          + info(id, CL_DEVICE_VERSION)
          + ", driver "
          + info(id, CL_DRIVER_VERSION)
          + ")";
    }

    private static String info(cl_device_id id, int param) {
      return ClInfo.string((size, value, out) -> clGetDeviceInfo(id, param, size, value, out));
    }
  }
}
