package dev.rectifier.backend;

import java.util.List;
import java.util.Set;

/**
 * What a {@link DeviceMemory} occupies and what the flags of a user's buffer forbid, for the checks
 * that a call's arguments share memory only where the op runs in place, and use each argument as
 * its buffer allows.
 *
 * @param regions the bytes it occupies, a region per buffer; none for memory no other can share (a
 *     Java array)
 * @param flags the flags of the user's buffer that forbid a use; none for memory rectifier made
 */
public record Footprint(List<Region> regions, Set<Flag> flags) {
  /** Memory that shares nothing and allows every use. */
  public static final Footprint PRIVATE = new Footprint(List.of(), Set.of());

  public Footprint {
    regions = List.copyOf(regions);
    flags = Set.copyOf(flags);
  }

  /**
   * Bytes {@code [start, end)} of one memory object.
   *
   * @param space the memory object: for a sub-buffer, its parent, so that buffers of one parent
   *     compare
   * @param start the first byte
   * @param end past the last byte
   */
  public record Region(Object space, long start, long end) {
    /** Whether a byte lies in both. */
    public boolean overlaps(Region other) {
      return space.equals(other.space) && start < other.end && other.start < end;
    }

    /** Bytes {@code [start + from, start + to)} of this region. */
    public Region slice(long from, long to) {
      return new Region(space, start + from, start + to);
    }

    /** E.g. {@code bytes [128, 4096) of cl_mem[0x...]}. */
    @Override
    public String toString() {
      return "bytes [" + start + ", " + end + ") of " + space;
    }
  }

  /** What a call does with an argument's memory. */
  public enum Use {
    /** An op reads it. */
    OP_READ("an op may not read it"),
    /** An op writes it. */
    OP_WRITE("an op may not write it"),
    /** {@code DeviceArray.read} copies it to the host. */
    HOST_READ("the host may not read it"),
    /** {@code DeviceArray.write} copies the host's data into it. */
    HOST_WRITE("the host may not write it");

    private final String refusal;

    Use(String refusal) {
      this.refusal = refusal;
    }
  }

  /** A flag of the user's OpenCL buffer ({@code CL_MEM_...}) that forbids uses. */
  public enum Flag {
    /** {@code CL_MEM_READ_ONLY}: kernels only read it. */
    READ_ONLY(Use.OP_WRITE),
    /** {@code CL_MEM_WRITE_ONLY}: kernels only write it. */
    WRITE_ONLY(Use.OP_READ),
    /** {@code CL_MEM_HOST_NO_ACCESS}: the host neither reads nor writes it. */
    HOST_NO_ACCESS(Use.HOST_READ, Use.HOST_WRITE),
    /** {@code CL_MEM_HOST_READ_ONLY}: the host only reads it. */
    HOST_READ_ONLY(Use.HOST_WRITE),
    /** {@code CL_MEM_HOST_WRITE_ONLY}: the host only writes it. */
    HOST_WRITE_ONLY(Use.HOST_READ);

    private final Set<Use> forbidden;

    Flag(Use... forbidden) {
      this.forbidden = Set.of(forbidden);
    }

    /** Its name in OpenCL, e.g. {@code CL_MEM_READ_ONLY}. */
    public String clName() {
      return "CL_MEM_" + name();
    }
  }

  /**
   * Why this memory may not be used as {@code use}, e.g. {@code made with CL_MEM_READ_ONLY, so an
   * op may not write it}; null if it may.
   */
  public String refusal(Use use) {
    for (Flag f : Flag.values()) {
      if (flags.contains(f) && f.forbidden.contains(use)) {
        return "made with " + f.clName() + ", so " + use.refusal;
      }
    }
    return null;
  }

  /** The first region of this that overlaps one of {@code other}'s, or null if none does. */
  public Region overlap(Footprint other) {
    for (Region r : regions) {
      for (Region o : other.regions) {
        if (r.overlaps(o)) {
          return r;
        }
      }
    }
    return null;
  }
}
