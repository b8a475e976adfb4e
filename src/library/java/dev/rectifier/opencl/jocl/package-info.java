/**
 * The one way rectifier calls JOCL ({@code Jocl}): each call's status read the same whichever way
 * the user's code has set JOCL's exceptions, a failure made a {@code
 * dev.rectifier.RectifierException}. Internal.
 *
 * <p>May use: {@code dev.rectifier}, {@code org.jocl}.
 *
 * <p>May be used by: {@code dev.rectifier.opencl}, {@code dev.rectifier.opencl.transfer}.
 */
package dev.rectifier.opencl.jocl;
