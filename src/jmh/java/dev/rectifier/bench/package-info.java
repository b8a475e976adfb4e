/**
 * The JMH benchmarks (not published): host, buffer, device-array and PReLU ops, small and large
 * arrays, dispatch, the cost of launching an op (beside a bare JOCL loop), and the targets their
 * results are held to ({@code TargetRow}).
 *
 * <p>May use: {@code dev.rectifier}, {@code dev.rectifier.measure}, {@code dev.rectifier.verify},
 * {@code org.jocl} (the bare loop beside the launch cost).
 *
 * <p>May be used by: nothing of rectifier's (it is the top).
 */
package dev.rectifier.bench;
