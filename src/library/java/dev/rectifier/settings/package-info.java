/**
 * Every setting a user gives rectifier without code ({@code Setting}): a system property, else an
 * environment variable. Internal.
 *
 * <p>May use: nothing of rectifier's.
 *
 * <p>May be used by: {@code dev.rectifier}, {@code dev.rectifier.cache}, {@code
 * dev.rectifier.choice}, {@code dev.rectifier.opencl}.
 */
package dev.rectifier.settings;
