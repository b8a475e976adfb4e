package dev.rectifier.cache;

import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A folder of the current user's that nobody else may write, for files rectifier trusts as it
 * trusts its own code: a program binary is code (on PoCL's CPU device, a shared object loaded into
 * the JVM), and whoever can write one runs code in every JVM that loads it.
 *
 * <p>As ssh treats its keys, a folder is used only when it is a directory that belongs to the
 * current user and that neither its group nor others may write ({@link PosixFileAttributes}); each
 * file is checked the same way, and must be a regular file, not a link, before it is read. When a
 * check fails, nothing is read or written there: {@link #open} and {@link #read} answer empty and
 * log why, once per folder or file and reason per JVM (logger {@code dev.rectifier}: WARNING when
 * it belongs to someone else or others may write it; INFO when it cannot be created or read, or its
 * file system has no POSIX permissions to check, as on Windows, where the folder is therefore never
 * used). A folder that does not exist is created with mode 0700 (its missing parents with the
 * default mode), and files are written with mode 0600, atomically.
 *
 * <p>What is not checked: the folders above this one. Someone who may write one of them can swap
 * this folder for their own between a check and a read.
 */
public final class PrivateFolder {
  private static final Logger LOG = System.getLogger("dev.rectifier");
  private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();
  private static final FileAttribute<Set<PosixFilePermission>> FOLDER_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private static volatile UserPrincipal currentUser;

  private final Path path;
  private final String purpose;

  private PrivateFolder(Path path, String purpose) {
    this.path = path;
    this.purpose = purpose;
  }

  /**
   * The folder at {@code path}, created (mode 0700) if missing, if it passes the checks; else
   * empty, with the reason logged once.
   *
   * @param purpose what the folder holds, for the log, e.g. {@code "cached program binaries"}
   */
  public static Optional<PrivateFolder> open(Path path, String purpose) {
    PrivateFolder folder = new PrivateFolder(path, purpose);
    String problem = folder.problem();
    if (problem != null) {
      tell(path, purpose, problem);
      return Optional.empty();
    }
    return Optional.of(folder);
  }

  /**
   * The contents of file {@code name} in this folder: empty if there is none, or if it or the
   * folder fails the checks now (logged once).
   *
   * @throws IOException if it cannot be read, or holds more than {@code maxBytes}
   */
  public Optional<byte[]> read(String name, long maxBytes) throws IOException {
    Path file = file(name);
    String problem = problem();
    if (problem != null) {
      tell(path, purpose, problem);
      return Optional.empty();
    }
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    problem = untrusted(attributes, "a regular file", attributes.isRegularFile());
    if (problem != null) {
      tell(file, purpose, problem);
      return Optional.empty();
    }
    // O_NOFOLLOW: a link put in the file's place since the check is not followed.
    try (InputStream in =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new IOException(file + " holds more than " + maxBytes + " bytes");
      }
      return Optional.of(bytes);
    }
  }

  /**
   * Writes {@code bytes} to file {@code name} in this folder (mode 0600), replacing it atomically.
   *
   * @throws IOException if the folder fails the checks now, or the file cannot be written
   */
  public void write(String name, byte[] bytes) throws IOException {
    Path file = file(name);
    String problem = problem();
    if (problem != null) {
      tell(path, purpose, problem);
      throw new IOException("not writing " + file + ": " + problem);
    }
    Path partial = Files.createTempFile(path, name, ".partial", FILE_MODE);
    try {
      try (OutputStream out = Files.newOutputStream(partial)) {
        out.write(bytes);
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Deletes file {@code name} in this folder, if it is there. */
  public void delete(String name) throws IOException {
    Files.deleteIfExists(file(name));
  }

  private Path file(String name) {
    Path file = path.resolve(name);
    if (name.isEmpty() || name.equals(".") || name.equals("..") || !path.equals(file.getParent())) {
      throw new IllegalArgumentException("not a file name: '" + name + "'");
    }
    return file;
  }

  /** Why this folder may not be used, creating it first if it is missing; null if it may. */
  private String problem() {
    PosixFileAttributes attributes;
    try {
      if (Files.notExists(path)) {
        create();
      }
      attributes = Files.readAttributes(path, PosixFileAttributes.class);
    } catch (UnsupportedOperationException e) {
      return "its file system has no POSIX permissions to check";
    } catch (IOException e) {
      return "cannot create or read it (" + e + ")";
    }
    return untrusted(attributes, "a folder", attributes.isDirectory());
  }

  private void create() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(path, FOLDER_MODE);
    } catch (FileAlreadyExistsException e) {
      // made at the same moment by another thread or process: checked like any other
    }
  }

  /** Why a folder or file with these attributes is not the current user's alone; null if it is. */
  private static String untrusted(PosixFileAttributes attributes, String kind, boolean isKind) {
    if (!isKind) {
      return attributes.isSymbolicLink() ? "it is a symbolic link" : "it is not " + kind;
    }
    UserPrincipal me;
    try {
      me = currentUser();
    } catch (IOException e) {
      return "cannot tell who the current user is (" + e + ")";
    }
    if (!attributes.owner().equals(me)) {
      return "it belongs to " + attributes.owner().getName() + ", not to " + me.getName();
    }
    Set<PosixFilePermission> mode = attributes.permissions();
    if (mode.contains(GROUP_WRITE) || mode.contains(OTHERS_WRITE)) {
      return "others may write it (" + PosixFilePermissions.toString(mode) + ")";
    }
    return null;
  }

  /**
   * The user this JVM runs as: the one {@code user.name} names, else the owner of a file it creates
   * (a user without a name in the user database, as in some containers).
   */
  static UserPrincipal currentUser() throws IOException {
    UserPrincipal user = currentUser;
    if (user == null) {
      try {
        user =
            Path.of(System.getProperty("java.io.tmpdir"))
                .getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
      } catch (IOException | UnsupportedOperationException e) {
        Path probe = Files.createTempFile("rectifier-owner", ".tmp");
        try {
          user = Files.getOwner(probe);
        } finally {
          Files.delete(probe);
        }
      }
      currentUser = user;
    }
    return user;
  }

  private static void tell(Path where, String purpose, String problem) {
    if (TOLD.add(where.toAbsolutePath() + "\0" + problem)) {
      LOG.log(
          // Someone else's folder or file is a WARNING; one rectifier cannot check or make, INFO.
          problem.startsWith("cannot ") || problem.startsWith("its file system")
              ? Level.INFO
              : Level.WARNING,
          "rectifier: not using {0} for {1}: {2}",
          where,
          purpose,
          problem);
    }
  }
}
