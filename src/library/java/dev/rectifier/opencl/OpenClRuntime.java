package dev.rectifier.opencl;

import static org.jocl.CL.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_SINGLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_FP_DENORM;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetPlatformIDs;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.opencl.jocl.Jocl;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds the OpenCL devices of this machine, once per JVM, and picks one by index, name or rank.
 * When there are none it keeps the reason: no OpenCL library, no platform, or no device. A platform
 * whose driver fails a query during discovery (a {@link Jocl.Failure}) is left out with a warning,
 * its error becoming part of the reason when no device remains, so that errors of discovery are
 * always an {@link OpenClUnavailableException}, which auto choice turns into the CPU backend.
 */
public final class OpenClRuntime {
  /** A device found, with the handles needed to open it. */
  record Device(DeviceInfo info, cl_platform_id platform, cl_device_id id) {}

  /** The devices found, or, when there are none, why. */
  private record Discovery(List<Device> devices, String problem) {}

  /** Describes one device from its {@code clGetDeviceInfo} answers. */
  @FunctionalInterface
  interface Describer {
    DeviceInfo describe(int index, String platformName, cl_device_id id);
  }

  private static final Logger LOG = System.getLogger("dev.rectifier");

  private static Discovery discovery;

  /**
   * How discovery describes a device: {@link #describe}, or, in a test that must see a driver error
   * during discovery, one that throws (set before the first discovery; a package-private seam).
   */
  static volatile Describer describer = OpenClRuntime::describe;

  private OpenClRuntime() {}

  /**
   * Every OpenCL device on every platform, in platform order.
   *
   * @throws OpenClUnavailableException if there is no OpenCL library, platform or device
   */
  public static List<DeviceInfo> devices() {
    return found().stream().map(Device::info).toList();
  }

  /**
   * The device auto choice would use: the first of the highest-ranked {@link DeviceType}.
   *
   * @throws OpenClUnavailableException if there is no OpenCL device
   */
  public static DeviceInfo best() {
    return bestDevice().info();
  }

  static Device bestDevice() {
    return found().stream().min(Comparator.comparing(d -> d.info().type())).orElseThrow();
  }

  /**
   * The device a selector names: a selector of digits only is an index in {@link #devices()} and
   * nothing else (device names often hold digits: {@code avx512}); any other selector picks the
   * first device whose name contains it, ignoring case.
   *
   * @throws OpenClUnavailableException if there is no OpenCL device, the index is out of range or
   *     no name matches; the message lists the devices (index and name)
   */
  static Device select(String selector) {
    List<Device> devices = found();
    String wanted = selector.trim().toLowerCase(Locale.ROOT);
    if (!wanted.isEmpty() && wanted.chars().allMatch(c -> c >= '0' && c <= '9')) {
      BigInteger index = new BigInteger(wanted);
      for (Device d : devices) {
        if (index.equals(BigInteger.valueOf(d.info().index()))) {
          return d;
        }
      }
      throw new OpenClUnavailableException(
          "no OpenCL device has index " + selector.trim() + " (devices: " + list(devices) + ")");
    }
    for (Device d : devices) {
      if (d.info().name().toLowerCase(Locale.ROOT).contains(wanted)) {
        return d;
      }
    }
    throw new OpenClUnavailableException(
        "no OpenCL device matches '" + selector + "' (devices: " + list(devices) + ")");
  }

  /**
   * The device whose handle is {@code id} (a user's queue's device).
   *
   * @throws OpenClUnavailableException if no platform lists it
   */
  static Device withId(cl_device_id id) {
    List<Device> devices = found();
    return devices.stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new OpenClUnavailableException(
                    "no OpenCL platform lists the queue's device "
                        + id
                        + " (devices: "
                        + list(devices)
                        + ")"));
  }

  /** The devices as "index: name", comma-separated. */
  private static String list(List<Device> devices) {
    return devices.stream()
        .map(d -> d.info().index() + ": " + d.info().name())
        .collect(Collectors.joining(", "));
  }

  static List<Device> found() {
    Discovery d = discover();
    if (d.devices().isEmpty()) {
      throw new OpenClUnavailableException(d.problem());
    }
    return d.devices();
  }

  private static synchronized Discovery discover() {
    if (discovery == null) {
      discovery = scan();
    }
    return discovery;
  }

  private static Discovery scan() {
    cl_platform_id[] platforms;
    try {
      int[] count = new int[1];
      Jocl.call(() -> clGetPlatformIDs(0, null, count));
      cl_platform_id[] all = new cl_platform_id[count[0]];
      Jocl.call(() -> clGetPlatformIDs(all.length, all, null));
      platforms = all;
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return new Discovery(
          List.of(), "no OpenCL library found (libOpenCL.so.1, libOpenCL.so): " + e.getMessage());
    } catch (Jocl.Failure e) {
      return new Discovery(
          List.of(),
          "no OpenCL platform found (" + e.getMessage() + "): the ICD loader lists no driver");
    }
    List<String> platformNames = new ArrayList<>();
    List<Device> devices = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int p = 0; p < platforms.length; p++) {
      String platformName = "#" + p;
      List<Device> found = new ArrayList<>();
      try {
        platformName = InfoQuery.string(platforms[p], CL_PLATFORM_NAME);
        platformNames.add(platformName);
        for (cl_device_id id : deviceIds(platforms[p])) {
          int index = devices.size() + found.size();
          found.add(new Device(describer.describe(index, platformName, id), platforms[p], id));
        }
        devices.addAll(found);
      } catch (RuntimeException e) { // a Jocl.Failure, or a driver's nonsense answer
        String failure = "the OpenCL platform " + platformName + " failed: " + e.getMessage();
        failures.add(failure);
        LOG.log(Level.WARNING, "rectifier: {0}; leaving its devices out", failure);
      }
    }
    warnIfSignalHandlersAtRisk(platformNames);
    String problem =
        devices.isEmpty()
            ? "no OpenCL device found on "
                + platforms.length
                + " platform(s)"
                + failures.stream().map(f -> "; " + f).collect(Collectors.joining())
            : "";
    return new Discovery(List.copyOf(devices), problem);
  }

  /** Logs a warning when an LLVM-based driver has replaced the JVM's signal handlers. */
  private static void warnIfSignalHandlersAtRisk(List<String> platformNames) {
    if (SignalChaining.libjsigLoaded().orElse(true)) {
      return;
    }
    platformNames.stream()
        .filter(SignalChaining::replacesJvmHandlers)
        .findFirst()
        .ifPresent(
            name ->
                LOG.log(
                    Level.WARNING,
                    "rectifier: the OpenCL platform {0} replaces the JVM''s signal handlers, which"
                        + " can crash this JVM with SIGSEGV; {1}",
                    name,
                    SignalChaining.remedy()));
  }

  private static cl_device_id[] deviceIds(cl_platform_id platform) {
    try {
      int[] count = new int[1];
      Jocl.call(() -> clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count));
      cl_device_id[] ids = new cl_device_id[count[0]];
      Jocl.call(() -> clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null));
      return ids;
    } catch (Jocl.Failure e) {
      if (e.status() == CL_DEVICE_NOT_FOUND) {
        return new cl_device_id[0];
      }
      throw e;
    }
  }

  private static DeviceInfo describe(int index, String platformName, cl_device_id id) {
    boolean fp64 = InfoQuery.string(id, CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64");
    return new DeviceInfo(
        index,
        platformName,
        InfoQuery.string(id, CL_DEVICE_NAME),
        deviceType(InfoQuery.longValue(id, CL_DEVICE_TYPE)),
        InfoQuery.string(id, CL_DEVICE_VENDOR),
        InfoQuery.string(id, CL_DRIVER_VERSION),
        InfoQuery.string(id, CL_DEVICE_VERSION),
        InfoQuery.intValue(id, CL_DEVICE_MAX_COMPUTE_UNITS),
        InfoQuery.longValue(id, CL_DEVICE_GLOBAL_MEM_SIZE),
        InfoQuery.longValue(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
        fp64,
        (InfoQuery.longValue(id, CL_DEVICE_SINGLE_FP_CONFIG) & CL_FP_DENORM) != 0,
        fp64 && (InfoQuery.longValue(id, CL_DEVICE_DOUBLE_FP_CONFIG) & CL_FP_DENORM) != 0);
  }

  /** The kind of device {@code CL_DEVICE_TYPE} says, best first. */
  private static DeviceType deviceType(long clDeviceType) {
    if ((clDeviceType & CL_DEVICE_TYPE_GPU) != 0) {
      return DeviceType.GPU;
    }
    if ((clDeviceType & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
      return DeviceType.ACCELERATOR;
    }
    if ((clDeviceType & CL_DEVICE_TYPE_CPU) != 0) {
      return DeviceType.CPU;
    }
    return DeviceType.OTHER;
  }
}
