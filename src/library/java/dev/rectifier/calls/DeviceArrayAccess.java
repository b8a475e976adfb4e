package dev.rectifier.calls;

import dev.rectifier.DeviceArray;
import dev.rectifier.Rectifier;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.Footprint;

/**
 * What the calls need of a {@link DeviceArray} that its public API does not show: the backend and
 * memory behind it, and which Rectifier made it. {@code DeviceArray} installs the one instance from
 * its static initializer, so that these stay off its public methods.
 */
public abstract class DeviceArrayAccess {
  private static volatile DeviceArrayAccess installed;

  /** For {@code DeviceArray}'s static initializer alone. */
  protected DeviceArrayAccess() {}

  /**
   * Installs {@code access}; once.
   *
   * @throws IllegalStateException if one is installed already
   */
  public static synchronized void install(DeviceArrayAccess access) {
    if (installed != null) {
      throw new IllegalStateException("DeviceArrayAccess is installed already");
    }
    installed = access;
  }

  /** The instance {@code DeviceArray} installed, initializing that class if need be. */
  static DeviceArrayAccess get() {
    DeviceArrayAccess access = installed;
    if (access == null) {
      try {
        Class.forName(DeviceArray.class.getName(), true, DeviceArray.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError("DeviceArray is on the class path beside this class", e);
      }
      access = installed;
    }
    return access;
  }

  /** The backend {@code array} lives on. */
  protected abstract Backend owner(DeviceArray array);

  /** The memory of {@code array}; only while the call holds it ({@code DeviceArray.using}). */
  protected abstract DeviceMemory memory(DeviceArray array);

  /** What the memory of {@code array} occupies and what its buffer's flags forbid. */
  protected abstract Footprint footprint(DeviceArray array);

  /** Whether {@code rectifier} made {@code array}. */
  protected abstract boolean madeBy(DeviceArray array, Rectifier rectifier);
}
