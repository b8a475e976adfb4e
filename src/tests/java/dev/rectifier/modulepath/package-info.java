/**
 * The one package the tests alone hold: the library run as the module {@code dev.rectifier} on the
 * module path, in a child JVM. Every other test lives in the package of what it tests, under the
 * rules of that package's {@code package-info}; the tests themselves may use any package they test,
 * and the tools.
 *
 * <p>May use: {@code dev.rectifier}, {@code org.jocl}.
 *
 * <p>May be used by: nothing of rectifier's.
 */
package dev.rectifier.modulepath;
