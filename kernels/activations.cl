// rectifier: ReLU, Leaky ReLU and their gradients, element by element.
//
// The formulas are exactly those of the rectifier contract (README, "The contract"):
//   relu(x)                 = x > 0 ? x : (isnan(x) ? x : +0)
//   relu_grad(x, dy)        = x > 0 ? dy : +0
//   leaky_relu(x, a)        = x > 0 ? x : a * x
//   leaky_relu_grad(x,dy,a) = x > 0 ? dy : a * dy
// Comparisons and a select, never max/fmax/fmin: those drop NaN or leave it undefined, and
// max(a*x, x) is wrong for a > 1. The program is never built with fast-math options.
//
// The same source is built once per precision: REAL is float by default, and the host adds
// "-DREAL=double -DREAL_IS_DOUBLE" on devices with cl_khr_fp64. Every kernel handles
// element i of n; the host sizes the global range to n.

#ifdef REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#ifndef REAL
#define REAL float
#endif

__kernel void relu(__global const REAL *x, __global REAL *y, const uint n) {
  const size_t i = get_global_id(0);
  if (i < n) {
    const REAL v = x[i];
    y[i] = v > (REAL)0 ? v : (isnan(v) ? v : (REAL)0);
  }
}

__kernel void relu_grad(__global const REAL *x, __global const REAL *dy, __global REAL *dx,
                        const uint n) {
  const size_t i = get_global_id(0);
  if (i < n) {
    dx[i] = x[i] > (REAL)0 ? dy[i] : (REAL)0;
  }
}

__kernel void leaky_relu(__global const REAL *x, __global REAL *y, const uint n, const REAL alpha) {
  const size_t i = get_global_id(0);
  if (i < n) {
    const REAL v = x[i];
    y[i] = v > (REAL)0 ? v : alpha * v;
  }
}

__kernel void leaky_relu_grad(__global const REAL *x, __global const REAL *dy, __global REAL *dx,
                              const uint n, const REAL alpha) {
  const size_t i = get_global_id(0);
  if (i < n) {
    const REAL g = dy[i];
    dx[i] = x[i] > (REAL)0 ? g : alpha * g;
  }
}
