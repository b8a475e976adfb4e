/**
 * What rectifier keeps on disk between JVMs: the program binary cache ({@code ProgramBinaryCache}),
 * the cache files' names and the version they are keyed by ({@code CacheFiles}), in a folder of
 * this user's own that nobody else can forge ({@code PrivateFolder}). Internal.
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.settings}.
 *
 * <p>May be used by: {@code dev.rectifier.choice}, {@code dev.rectifier.opencl}.
 */
package dev.rectifier.cache;
