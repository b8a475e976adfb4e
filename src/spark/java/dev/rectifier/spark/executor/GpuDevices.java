package dev.rectifier.spark.executor;

import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Matches a Spark GPU address to an OpenCL device: a PCI bus id ({@code [domain:]bus:device.fn},
 * hexadecimal, as {@code nvidia-smi --query-gpu=pci.bus_id} prints it) to the device whose driver
 * reports that bus id ({@code cl_khr_pci_bus_info}, or NVIDIA's {@code
 * cl_nv_device_attribute_query}); any other address as an index among the GPU devices, in {@link
 * dev.rectifier.Rectifier#devices()} order.
 */
final class GpuDevices {
  private static final Pattern PCI =
      Pattern.compile("(?:([0-9a-f]{1,8}):)?([0-9a-f]{1,2}):([0-9a-f]{1,2})\\.([0-7])");
  private static final int CL_DEVICE_PCI_BUS_INFO_KHR = 0x410F;
  private static final int CL_DEVICE_PCI_BUS_ID_NV = 0x4008;
  private static final int CL_DEVICE_PCI_SLOT_ID_NV = 0x4009;
  private static final int CL_DEVICE_PCI_DOMAIN_ID_NV = 0x400A;

  private GpuDevices() {}

  /** The index in {@code devices} of the device at {@code address}; empty if none matches. */
  static OptionalInt match(String address, List<DeviceInfo> devices) {
    Matcher pci = PCI.matcher(address.trim().toLowerCase(Locale.ROOT));
    if (pci.matches()) {
      long[] want = {
        pci.group(1) == null ? 0 : Long.parseLong(pci.group(1), 16),
        Long.parseLong(pci.group(2), 16),
        Long.parseLong(pci.group(3), 16),
        Long.parseLong(pci.group(4), 16)
      };
      List<long[]> busIds = busIds();
      for (int i = 0; i < busIds.size() && i < devices.size(); i++) {
        if (Arrays.equals(busIds.get(i), want)) {
          return OptionalInt.of(devices.get(i).index());
        }
      }
      return OptionalInt.empty();
    }
    int wanted;
    try {
      wanted = Integer.parseInt(address.trim());
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
    List<DeviceInfo> gpus = devices.stream().filter(d -> d.type() == DeviceType.GPU).toList();
    return wanted >= 0 && wanted < gpus.size()
        ? OptionalInt.of(gpus.get(wanted).index())
        : OptionalInt.empty();
  }

  /** Each device's {domain, bus, device, function}, or null where the driver reports none. */
  private static List<long[]> busIds() {
    List<long[]> ids = new ArrayList<>();
    int[] count = new int[1];
    clGetPlatformIDs(0, null, count);
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    clGetPlatformIDs(platforms.length, platforms, null);
    for (cl_platform_id platform : platforms) {
      clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
      cl_device_id[] devices = new cl_device_id[count[0]];
      clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
      for (cl_device_id device : devices) {
        ids.add(busId(device));
      }
    }
    return ids;
  }

  private static long[] busId(cl_device_id device) {
    int[] khr = new int[4];
    if (query(device, CL_DEVICE_PCI_BUS_INFO_KHR, khr)) {
      return new long[] {khr[0], khr[1], khr[2], khr[3]};
    }
    int[] bus = new int[1];
    int[] slot = new int[1];
    int[] domain = new int[1];
    if (query(device, CL_DEVICE_PCI_BUS_ID_NV, bus)
        && query(device, CL_DEVICE_PCI_SLOT_ID_NV, slot)) {
      query(device, CL_DEVICE_PCI_DOMAIN_ID_NV, domain);
      return new long[] {domain[0], bus[0], slot[0] >> 3, slot[0] & 7};
    }
    return null;
  }

  private static boolean query(cl_device_id device, int param, int[] into) {
    try {
      return clGetDeviceInfo(device, param, 4L * into.length, Pointer.to(into), null) == 0;
    } catch (RuntimeException e) { // JOCL throws CLException where exceptions are enabled
      return false;
    }
  }
}
