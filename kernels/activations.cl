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
// "-DREAL=double -DREAL_IS_DOUBLE" on devices with cl_khr_fp64.
//
// Each work-item handles WIDTH consecutive elements with one vector load and store per array;
// the last work-item of a range whose length is not a multiple of WIDTH does its few elements
// one by one. The host sizes the global range to ceil(n / WIDTH), rounded up to the work-group
// size. WIDTH (2, 4, 8 or 16) is a tuning knob with a default, like CLBlast's: the host passes
// -DWIDTH=8 on a CPU device (best on PoCL) and one 16-byte vector (float4, double2) on a GPU or
// accelerator (best on an NVIDIA H200, where float8 ran at a third of the copy bandwidth).

#ifdef REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#ifndef REAL
#define REAL float
#endif

#ifndef WIDTH
#define WIDTH 8
#endif

#define JOIN_(a, b) a##b
#define JOIN(a, b) JOIN_(a, b)
#define VEC JOIN(REAL, WIDTH)
#define VLOAD JOIN(vload, WIDTH)
#define VSTORE JOIN(vstore, WIDTH)

// The contract, for a scalar or a vector v (comparisons on vectors select per component).
#define RELU(v) ((v) > (REAL)0 ? (v) : (isnan(v) ? (v) : (REAL)0))
#define RELU_GRAD(v, g) ((v) > (REAL)0 ? (g) : (REAL)0)
#define LEAKY_RELU(v, a) ((v) > (REAL)0 ? (v) : (a) * (v))
#define LEAKY_RELU_GRAD(v, g, a) ((v) > (REAL)0 ? (g) : (a) * (g))

// The first element of this work-item, and whether all WIDTH of its elements lie below n.
#define FIRST ((size_t)get_global_id(0) * WIDTH)
#define WHOLE(i, n) ((i) + WIDTH <= (n))

__kernel void relu(__global const REAL *x, __global REAL *y, const uint n) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    const VEC v = VLOAD(0, x + i);
    VSTORE(RELU(v), 0, y + i);
  } else {
    for (size_t k = i; k < n; k++) {
      const REAL v = x[k];
      y[k] = RELU(v);
    }
  }
}

__kernel void relu_grad(__global const REAL *x, __global const REAL *dy, __global REAL *dx,
                        const uint n) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    const VEC v = VLOAD(0, x + i);
    const VEC g = VLOAD(0, dy + i);
    VSTORE(RELU_GRAD(v, g), 0, dx + i);
  } else {
    for (size_t k = i; k < n; k++) {
      dx[k] = RELU_GRAD(x[k], dy[k]);
    }
  }
}

__kernel void leaky_relu(__global const REAL *x, __global REAL *y, const uint n, const REAL alpha) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    const VEC v = VLOAD(0, x + i);
    VSTORE(LEAKY_RELU(v, alpha), 0, y + i);
  } else {
    for (size_t k = i; k < n; k++) {
      const REAL v = x[k];
      y[k] = LEAKY_RELU(v, alpha);
    }
  }
}

__kernel void leaky_relu_grad(__global const REAL *x, __global const REAL *dy, __global REAL *dx,
                              const uint n, const REAL alpha) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    const VEC v = VLOAD(0, x + i);
    const VEC g = VLOAD(0, dy + i);
    VSTORE(LEAKY_RELU_GRAD(v, g, alpha), 0, dx + i);
  } else {
    for (size_t k = i; k < n; k++) {
      const REAL g = dy[k];
      dx[k] = LEAKY_RELU_GRAD(x[k], g, alpha);
    }
  }
}
