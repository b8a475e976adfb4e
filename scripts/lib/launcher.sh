# What rectifier's launchers share: scripts/rectifier and scripts/jmh in a checkout, and
# bin/rectifier in the distribution (scripts/dist copies this file into its bin/). It is sourced,
# not run, and written for POSIX sh, as the distribution's launcher is.

# The JVM options of every launcher. JOCL loads its native library: allowed without the warning
# Java 24 and later print. The CPU backend's Vector API loops need the incubator module; the JVM
# then prints one warning, "Using incubator modules: jdk.incubator.vector", on stderr.
RECTIFIER_NATIVE_ACCESS=--enable-native-access=ALL-UNNAMED
RECTIFIER_VECTOR_MODULE=--add-modules=jdk.incubator.vector

# rectifier_preload_jsig JAVA_HOME NAME
#
# OpenCL drivers built on LLVM (PoCL, Mesa) replace the JVM's signal handlers when they load,
# which crashes the JVM later; the JVM's signal-chaining library libjsig, preloaded, prevents it.
# This puts JAVA_HOME's lib/libjsig.so first in LD_PRELOAD, or says on stderr, as NAME, why not.
rectifier_preload_jsig() {
  rectifier_jsig="$1/lib/libjsig.so"
  if [ ! -f "$rectifier_jsig" ]; then
    echo "$2: not preloading libjsig ($rectifier_jsig does not exist);" \
      "with an LLVM-based OpenCL driver such as PoCL the JVM may crash" >&2
    return 0
  fi
  case $rectifier_jsig in
    *[[:space:]:]*)
      # LD_PRELOAD separates its entries with spaces and colons, so it cannot name this path.
      echo "$2: not preloading $rectifier_jsig (LD_PRELOAD cannot name a path with a space or" \
        "colon); with an LLVM-based OpenCL driver such as PoCL the JVM may crash: move it" >&2
      return 0
      ;;
  esac
  LD_PRELOAD="$rectifier_jsig${LD_PRELOAD:+:$LD_PRELOAD}"
  export LD_PRELOAD
}

# rectifier_java_home: the home of the java on the PATH (or of $JAVA when set).
rectifier_java_home() {
  rectifier_java=$(command -v "${JAVA:-java}") || {
    echo "no ${JAVA:-java} on the PATH: install a JDK 17 or newer" >&2
    return 1
  }
  dirname "$(dirname "$(readlink -f "$rectifier_java")")"
}

# rectifier_newest FILE...: the newest of the FILEs that exist (none: the empty string). Safe under
# `set -e -o pipefail` when none exists, unlike `ls -t GLOB | head -n 1`.
rectifier_newest() {
  rectifier_found=
  for rectifier_file in "$@"; do
    [ -e "$rectifier_file" ] || continue
    if [ -z "$rectifier_found" ] || [ "$rectifier_file" -nt "$rectifier_found" ]; then
      rectifier_found=$rectifier_file
    fi
  done
  printf '%s\n' "$rectifier_found"
}

# rectifier_build_if_stale MODULE JAR NAME: in a checkout (the working directory), builds MODULE
# and the modules it needs with Maven, tests skipped, when JAR is empty, missing, or older than
# anything under src/ or kernels/, or a pom; says so on stderr as NAME. When the java it runs on
# (rectifier_java_home) is a JDK 22 or later, it also compiles the library's Java 22 loops.
rectifier_build_if_stale() {
  if [ -f "$2" ] \
    && [ -z "$(find src kernels pom.xml -path '*/target' -prune -o -newer "$2" -print -quit)" ]; then
    return 0
  fi
  echo "$3: building $1" >&2
  # A Java 22 or later to run on also compiles the library's loops on buffers' memory.
  rectifier_java22=
  rectifier_home=$(rectifier_java_home)
  if [ -x "$rectifier_home/bin/javac" ] \
    && "$rectifier_home/bin/java" -XshowSettings:properties -version 2>&1 \
    | grep -Eq 'java.specification.version = (2[2-9]|[3-9][0-9])$'; then
    rectifier_java22=-Djava25.home=$rectifier_home
  fi
  mvn -B -q package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    ${rectifier_java22:+"$rectifier_java22"} -pl "$1" -am >&2
}
