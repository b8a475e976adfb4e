// rectifier: ReLU, Leaky ReLU, PReLU and their gradients.
//
// Each kernel computes exactly what the rectifier contract says (docs/contract.md), bit for bit;
// the macros RELU ... LEAKY_RELU_GRAD below are its formulas, and PReLU's weight gradient follows
// its fixed order in two passes (prelu_grad, then prelu_weight_grad).
// Comparisons and a select, never max/fmax/fmin: those drop NaN or leave it undefined, and
// max(a*x, x) is wrong for a > 1. The program is never built with fast-math options.
//
// The same source is built once per precision: REAL is float by default, and the host adds
// "-DREAL=double -DREAL_IS_DOUBLE" on devices with cl_khr_fp64. HALF and BFLOAT16 are two more
// builds with REAL float and 16-bit storage ("-DSTORAGE_HALF", "-DSTORAGE_BFLOAT16"): x, dy and
// the outputs are read and written through the LOAD and STORE macros below, each element widened
// to float exactly and the float result rounded once to 16 bits (docs/contract.md, "HALF and
// BFLOAT16"); alpha, PReLU's weights, its sums and dweight stay float.
//
// Each work-item handles WIDTH consecutive elements with one vector load and store per array;
// the last work-item of a range whose length is not a multiple of WIDTH does its few elements
// one by one. The host sizes the global range to ceil(n / WIDTH), rounded up to the work-group
// size. WIDTH (2, 4, 8 or 16) is a tuning knob with a default, like CLBlast's: the host passes
// -DWIDTH=8 on a CPU device (best on PoCL) and one 16-byte vector (float4, double2) on a GPU or
// accelerator (best on an NVIDIA H200, where wider vectors fell well below the copy bandwidth:
// docs/performance.md, "The kernels' width").

#ifdef REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

// The weight gradient's compensated sums are exact only if no multiply and add fuse into an fma.
#pragma OPENCL FP_CONTRACT OFF

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

// STORAGE is the element type of x, dy and the outputs in memory. LOADV(p) reads WIDTH elements
// at p as a VEC, STOREV(v, p) writes them, p being a multiple of WIDTH elements from the start of
// a buffer; LOADV_ANY and STOREV_ANY do the same at any element. LOAD(p, k) reads element k as a
// REAL, STORE(v, p, k) writes it. In the float and double builds they are the plain loads and
// stores.
#if defined(STORAGE_HALF) || defined(STORAGE_BFLOAT16)
#define SIXTEEN_BITS
#define UINTV JOIN(uint, WIDTH)
#define USHORTV JOIN(ushort, WIDTH)
#define AS_UINTV JOIN(as_uint, WIDTH)
#define AS_VEC JOIN(as_float, WIDTH)
#define CONVERT_UINTV JOIN(convert_uint, WIDTH)
#define CONVERT_USHORTV JOIN(convert_ushort, WIDTH)
#endif

#if defined(STORAGE_HALF)
// IEEE binary16 through the core half loads and stores (no cl_khr_fp16: half is a storage type
// here), rounding to nearest even. The hardware's NaN bits differ between devices, so a NaN is
// written by the contract's rule instead: sign | 0x7E00 | (significand >> 13), quiet.
#define STORAGE half
#define HALF_NAN(b) ((ushort)((((b) >> 16) & 0x8000) | 0x7E00 | (((b)&0x7FFFFF) >> 13)))
#define LOADV(p) JOIN(vload_half, WIDTH)(0, p)
#define LOAD(p, k) vload_half(k, p)
// PoCL 3.1's vector half loads assume the vector's alignment (an aligned move faulted on a row of
// PReLU's gradient tile), where the standard asks for a half's: elsewhere, one half at a time.
#define LOADV_ANY(p) load_halves(p)
#define STOREV_ANY(v, p) store_halves(v, p)
#define STOREV(v, p)                                                                             \
  {                                                                                              \
    const VEC v_ = (v);                                                                          \
    JOIN(JOIN(vstore_half, WIDTH), _rte)(v_, 0, p);                                              \
    if (any(isnan(v_))) {                                                                        \
      REAL f_[WIDTH];                                                                            \
      VSTORE(v_, 0, f_);                                                                         \
      for (uint j_ = 0; j_ < WIDTH; j_++) {                                                      \
        if (isnan(f_[j_])) {                                                                     \
          ((__global ushort *)(p))[j_] = HALF_NAN(as_uint(f_[j_]));                              \
        }                                                                                        \
      }                                                                                          \
    }                                                                                            \
  }
#define STORE(v, p, k)                                                                           \
  {                                                                                              \
    const REAL f_ = (v);                                                                         \
    if (isnan(f_)) {                                                                             \
      ((__global ushort *)(p))[k] = HALF_NAN(as_uint(f_));                                       \
    } else {                                                                                     \
      vstore_half_rte(f_, k, p);                                                                 \
    }                                                                                            \
  }
// A HALF NaN's float by the contract's rule: sign | 0x7FC00000 | (significand << 13).
#define NAN_OF_BITS(h) ((((h)&0x8000) << 16) | 0x7FC00000 | (((h)&0x3FF) << 13))

#elif defined(STORAGE_BFLOAT16)
// bfloat16 as the top half of a float's bits: widened by a shift, rounded by hand to nearest even
// (adding 0x7FFF and the kept half's lowest bit carries exactly when the dropped half is above the
// tie, or at it with the kept half odd; a carry runs into the exponent, and from the largest finite
// value into infinity), a NaN by the contract's rule (bits >> 16) | 0x0040.
#define STORAGE ushort
#define BF16_BITS(b, nan) ((nan) ? ((b) >> 16) | 0x40 : ((b) + 0x7FFF + (((b) >> 16) & 1)) >> 16)
#define LOADV(p) AS_VEC(CONVERT_UINTV(JOIN(vload, WIDTH)(0, p)) << 16)
#define LOAD(p, k) as_float((uint)(p)[k] << 16)
#define LOADV_ANY(p) LOADV(p)
#define STOREV_ANY(v, p) STOREV(v, p)
#define STOREV(v, p)                                                                             \
  {                                                                                              \
    const VEC v_ = (v);                                                                          \
    JOIN(vstore, WIDTH)(CONVERT_USHORTV(BF16_BITS(AS_UINTV(v_), isnan(v_))), 0, p);              \
  }
#define STORE(v, p, k)                                                                           \
  {                                                                                              \
    const REAL f_ = (v);                                                                         \
    (p)[k] = (ushort)BF16_BITS(as_uint(f_), isnan(f_));                                          \
  }
// A BFLOAT16 NaN's float by the contract's rule: (bits << 16) | 0x00400000.
#define NAN_OF_BITS(h) (((h) << 16) | 0x400000)

#else
#define STORAGE REAL
#define LOADV(p) VLOAD(0, p)
#define LOAD(p, k) (p)[k]
#define STOREV(v, p) VSTORE(v, 0, p)
#define STORE(v, p, k) (p)[k] = (v)
#define LOADV_ANY(p) LOADV(p)
#define STOREV_ANY(v, p) STOREV(v, p)
#endif

#ifdef STORAGE_HALF
inline VEC load_halves(__global const half *p) {
  REAL f[WIDTH];
  for (uint j = 0; j < WIDTH; j++) {
    f[j] = vload_half(j, p);
  }
  return VLOAD(0, f);
}

inline void store_halves(const VEC v, __global half *p) {
  REAL f[WIDTH];
  VSTORE(v, 0, f);
  for (uint j = 0; j < WIDTH; j++) {
    STORE(f[j], p, j);
  }
}
#endif

// The contract, for a scalar or a vector v (comparisons on vectors select per component).
#define RELU(v) ((v) > (REAL)0 ? (v) : (isnan(v) ? (v) : (REAL)0))
#define RELU_GRAD(v, g) ((v) > (REAL)0 ? (g) : (REAL)0)
#define LEAKY_RELU(v, a) ((v) > (REAL)0 ? (v) : (a) * (v))
#define LEAKY_RELU_GRAD(v, g, a) ((v) > (REAL)0 ? (g) : (a) * (g))

// The first element of this work-item, and whether all WIDTH of its elements lie below n.
#define FIRST ((size_t)get_global_id(0) * WIDTH)
#define WHOLE(i, n) ((i) + WIDTH <= (n))

__kernel void relu(__global const STORAGE *x, __global STORAGE *y, const uint n) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    const VEC v = LOADV(x + i);
    STOREV(RELU(v), y + i);
  } else {
    for (size_t k = i; k < n; k++) {
      const REAL v = LOAD(x, k);
      STORE(RELU(v), y, k);
    }
  }
}

__kernel void relu_grad(__global const STORAGE *x, __global const STORAGE *dy,
                        __global STORAGE *dx, const uint n) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    const VEC v = LOADV(x + i);
    const VEC g = LOADV(dy + i);
    STOREV(RELU_GRAD(v, g), dx + i);
  } else {
    for (size_t k = i; k < n; k++) {
      STORE(RELU_GRAD(LOAD(x, k), LOAD(dy, k)), dx, k);
    }
  }
}

__kernel void leaky_relu(__global const STORAGE *x, __global STORAGE *y, const uint n,
                         const REAL alpha) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    const VEC v = LOADV(x + i);
    STOREV(LEAKY_RELU(v, alpha), y + i);
  } else {
    for (size_t k = i; k < n; k++) {
      const REAL v = LOAD(x, k);
      STORE(LEAKY_RELU(v, alpha), y, k);
    }
  }
}

__kernel void leaky_relu_grad(__global const STORAGE *x, __global const STORAGE *dy,
                              __global STORAGE *dx, const uint n, const REAL alpha) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    const VEC v = LOADV(x + i);
    const VEC g = LOADV(dy + i);
    STOREV(LEAKY_RELU_GRAD(v, g, alpha), dx + i);
  } else {
    for (size_t k = i; k < n; k++) {
      const REAL g = LOAD(dy, k);
      STORE(LEAKY_RELU_GRAD(LOAD(x, k), g, alpha), dx, k);
    }
  }
}

// PReLU. The buffers hold elements [base, base + n) of the whole array x, viewed as
// [batch][channels][inner]; element g's channel is (g / inner) % channels.
//
// PRELU_RUN is the elements of a work-item. WIDTH (the default, for a GPU): one vector, whose
// first element's channel takes two divisions. More (the host passes a multiple of WIDTH for a
// CPU device): a run of consecutive elements in vectors of WIDTH, the channel found once and
// stepped along, as the divisions cost a CPU more than the loads and stores of a vector.
#ifndef PRELU_RUN
#define PRELU_RUN WIDTH
#endif

#if PRELU_RUN == WIDTH

__kernel void prelu(__global const STORAGE *x, __global STORAGE *y, __global const REAL *w,
                    const uint n, const uint base, const uint inner, const uint channels) {
  const size_t i = FIRST;
  if (i >= n) {
    return;
  }
  // This work-item's weights, the channel stepped along from its first element.
  const uint m = WHOLE(i, n) ? WIDTH : (uint)(n - i);
  const uint g = base + (uint)i; // below 2^31: an int-indexed Java array's
  uint k = g % inner;
  uint c = (g / inner) % channels;
  REAL ws[WIDTH];
  for (uint e = 0; e < m; e++) {
    ws[e] = w[c];
    if (++k == inner) {
      k = 0;
      if (++c == channels) {
        c = 0;
      }
    }
  }
  if (m == WIDTH) {
    const VEC v = LOADV(x + i);
    STOREV(LEAKY_RELU(v, VLOAD(0, ws)), y + i);
  } else {
    for (uint e = 0; e < m; e++) {
      const REAL v = LOAD(x, i + e);
      STORE(LEAKY_RELU(v, ws[e]), y, i + e);
    }
  }
}

#else

// The longest period (channels * inner) whose weights a work-item lays out in a row first: then
// the weights of a vector are one load, whatever the shape.
#define PRELU_PERIOD 512

// The element after one in channel c at k within it.
#define NEXT_ELEMENT(k, c)                                                                       \
  if (++(k) == inner) {                                                                          \
    (k) = 0;                                                                                     \
    if (++(c) == channels) {                                                                     \
      (c) = 0;                                                                                   \
    }                                                                                            \
  }

__kernel void prelu(__global const STORAGE *x, __global STORAGE *y, __global const REAL *w,
                    const uint n, const uint base, const uint inner, const uint channels) {
  const size_t from = (size_t)get_global_id(0) * PRELU_RUN;
  if (from >= n) {
    return;
  }
  const size_t end = from + PRELU_RUN < n ? from + PRELU_RUN : n;
  const uint g = base + (uint)from; // below 2^31: an int-indexed Java array's
  size_t i = from;
  const uint period = inner * channels; // at most the array's length
  if (period <= PRELU_PERIOD && (inner > 1 || channels < WIDTH)) {
    // A short period, not of WIDTH channels or more of one element each (one load of w below):
    // its weights in a row of q elements, q a whole number of periods and at
    // least WIDTH, and WIDTH more, read a vector at a time from this element's place in it.
    const uint q = period >= WIDTH ? period : period * ((WIDTH + period - 1) / period);
    REAL row[PRELU_PERIOD + WIDTH];
    uint k = 0;
    uint c = 0;
    for (uint j = 0; j < q + WIDTH; j++) {
      row[j] = w[c];
      NEXT_ELEMENT(k, c);
    }
    uint at = g % q;
    for (; i + WIDTH <= end; i += WIDTH) {
      const VEC v = LOADV(x + i);
      STOREV(LEAKY_RELU(v, VLOAD(0, row + at)), y + i);
      at += WIDTH;
      if (at >= q) {
        at -= q;
      }
    }
    for (; i < end; i++, at++) {
      const REAL v = LOAD(x, i);
      STORE(LEAKY_RELU(v, row[at]), y, i);
    }
    return;
  }
  uint k = g % inner;
  uint c = (g / inner) % channels;
  for (; i + WIDTH <= end; i += WIDTH) {
    VEC ws;
    if (k + WIDTH <= inner) {
      // The whole vector in channel c.
      ws = (VEC)(w[c]);
      k += WIDTH;
      if (k == inner) {
        k = 0;
        if (++c == channels) {
          c = 0;
        }
      }
    } else if (inner == 1 && c + WIDTH <= channels) {
      // One element a channel, none of them past the last channel.
      ws = VLOAD(0, w + c);
      c += WIDTH;
      if (c == channels) {
        c = 0;
      }
    } else {
      REAL f[WIDTH];
      for (uint e = 0; e < WIDTH; e++) {
        f[e] = w[c];
        NEXT_ELEMENT(k, c);
      }
      ws = VLOAD(0, f);
    }
    const VEC v = LOADV(x + i);
    STOREV(LEAKY_RELU(v, ws), y + i);
  }
  // The last few elements of the buffer.
  for (; i < end; i++) {
    const REAL v = LOAD(x, i);
    STORE(LEAKY_RELU(v, w[c]), y, i);
    NEXT_ELEMENT(k, c);
  }
}

#endif

// The PReLU gradient's first pass (see PreluShape in the library for the order, the contract's):
// x as rows of `width` columns, in blocks of BLOCK_ROWS rows. Each column of a block writes dx of
// its elements and sums their terms down the rows into a compensated pair, stored at
// [q * columns + p - first_column] of sums and errors for block q and column p, for the columns
// [first_column, first_column + columns) (all of them, or a strip: see PreluStrips). On a buffer
// that is not the first segment of the array, a column begun in an earlier one goes on from the
// pair stored then. Work-items are numbered from block first_block, column first_column.
//
// GRAD_TILE is the columns of a work-item. 1 (the default, for a GPU): a work-item takes one
// column down its block, and neighbouring work-items read neighbouring addresses. More (the host
// passes it for a CPU device): a work-item takes a tile of GRAD_TILE columns of a block row by row,
// in vectors of WIDTH along the row, with the tile's pairs in private memory, as the Java loops do:
// a column at a time strides a whole row between two elements, which a CPU's caches and
// prefetchers serve poorly. Each column's terms go into its pair in increasing row order either way.
#define BLOCK_ROWS 256

#ifndef GRAD_TILE
#define GRAD_TILE 1
#endif

// dx of an element (or a vector of a row's elements) with the weight wc.
#define PRELU_DX(v, d, wc) ((v) > (REAL)0 ? (d) : (wc) * (d))

// One element (or a vector of a row's elements, T being REAL or VEC) of a column's sum: the term
// x > 0 ? +0 : x * dy added to the pair (s, e) by TwoSum, its error to e.
#define PRELU_SUM_STEP(T, v, d, s, e)                                                            \
  {                                                                                              \
    const T term = (v) > (REAL)0 ? (REAL)0 : (v) * (d);                                          \
    const T sum = (s) + term;                                                                    \
    const T bb = sum - (s);                                                                      \
    e = (e) + (((s) - (sum - bb)) + (term - bb));                                                \
    s = sum;                                                                                     \
  }

#if GRAD_TILE == 1

__kernel void prelu_grad(__global const STORAGE *x, __global const STORAGE *dy,
                         __global STORAGE *dx, __global const REAL *w, __global REAL *sums,
                         __global REAL *errors, const uint n, const uint base,
                         const uint length, const uint inner, const uint channels,
                         const uint width, const uint first_block, const uint items,
                         const uint first_column, const uint columns) {
  const size_t id = get_global_id(0);
  if (id >= items) {
    return;
  }
  const uint q = first_block + (uint)(id / columns);
  const uint p = first_column + (uint)(id % columns);
  const REAL wc = w[(p % (inner * channels)) / inner];
  const uint rows = (uint)(((ulong)length + width - 1) / width);
  uint r = q * BLOCK_ROWS;
  const uint end = r + BLOCK_ROWS < rows ? r + BLOCK_ROWS : rows;
  const size_t slot = (size_t)q * columns + (p - first_column);
  REAL s = 0;
  REAL e = 0;
  if ((size_t)r * width + p < base) {
    s = sums[slot];
    e = errors[slot];
    const uint first = (uint)((base - p + width - 1) / width); // the first row in this buffer
    r = first > r ? first : r;
  }
  for (; r < end; r++) {
    const size_t g = (size_t)r * width + p;
    if (g >= (size_t)base + n || g >= length) {
      break;
    }
    const size_t i = g - base;
    const REAL v = LOAD(x, i);
    const REAL d = LOAD(dy, i);
    STORE(PRELU_DX(v, d, wc), dx, i);
    PRELU_SUM_STEP(REAL, v, d, s, e);
  }
  sums[slot] = s;
  errors[slot] = e;
}

#else

// One step of column j of the tile on element i of the buffer.
#define TILE_STEP(i, j)                                                                          \
  {                                                                                              \
    const REAL v = LOAD(x, i);                                                                   \
    const REAL d = LOAD(dy, i);                                                                  \
    STORE(PRELU_DX(v, d, ws[j]), dx, i);                                                         \
    PRELU_SUM_STEP(REAL, v, d, s[j], e[j]);                                                      \
  }

__kernel void prelu_grad(__global const STORAGE *x, __global const STORAGE *dy,
                         __global STORAGE *dx, __global const REAL *w, __global REAL *sums,
                         __global REAL *errors, const uint n, const uint base,
                         const uint length, const uint inner, const uint channels,
                         const uint width, const uint first_block, const uint items,
                         const uint first_column, const uint columns) {
  const size_t id = get_global_id(0);
  if (id >= items) {
    return;
  }
  const uint tiles = (columns + GRAD_TILE - 1) / GRAD_TILE;
  const uint q = first_block + (uint)(id / tiles);
  const uint p0 = first_column + (uint)(id % tiles) * GRAD_TILE;
  const uint m = first_column + columns - p0 < GRAD_TILE ? first_column + columns - p0 : GRAD_TILE;
  const uint rows = (uint)(((ulong)length + width - 1) / width);
  const uint from = q * BLOCK_ROWS;
  const uint end = from + BLOCK_ROWS < rows ? from + BLOCK_ROWS : rows;
  const size_t slot = (size_t)q * columns + (p0 - first_column);
  // The end of this buffer's elements, as an index of the whole array.
  const size_t last = (size_t)base + n < length ? (size_t)base + n : length;
  REAL ws[GRAD_TILE];
  REAL s[GRAD_TILE];
  REAL e[GRAD_TILE];
  for (uint j = 0; j < m; j++) {
    const uint p = p0 + j;
    ws[j] = w[(p % (inner * channels)) / inner];
    const int continued = (size_t)from * width + p < base;
    s[j] = continued ? sums[slot + j] : (REAL)0;
    e[j] = continued ? errors[slot + j] : (REAL)0;
  }
  // The first row of the block with an element of the tile in this buffer.
  uint r = (size_t)from * width + p0 + m > base ? from : (uint)((base - p0 - m) / width + 1);
  for (; r < end; r++) {
    const size_t row = (size_t)r * width + p0;
    if (row >= last) {
      break;
    }
    if (row >= base && row + m <= last) {
      const size_t at = row - base;
      uint j = 0;
      for (; j + WIDTH <= m; j += WIDTH) {
        const VEC v = LOADV_ANY(x + at + j);
        const VEC d = LOADV_ANY(dy + at + j);
        VEC sv = VLOAD(0, s + j);
        VEC ev = VLOAD(0, e + j);
        const VEC out = PRELU_DX(v, d, VLOAD(0, ws + j));
        PRELU_SUM_STEP(VEC, v, d, sv, ev);
        STOREV_ANY(out, dx + at + j);
        VSTORE(sv, 0, s + j);
        VSTORE(ev, 0, e + j);
      }
      for (; j < m; j++) {
        TILE_STEP(at + j, j);
      }
    } else {
      // A row that begins before this buffer, or ends after it or the array.
      for (uint j = 0; j < m; j++) {
        const size_t g = row + j;
        if (g >= base && g < last) {
          TILE_STEP(g - base, j);
        }
      }
    }
  }
  for (uint j = 0; j < m; j++) {
    sums[slot + j] = s[j];
    errors[slot + j] = e[j];
  }
}

#endif

// (s1, e1) at [a] takes in (s2, e2) at [b]: (s, (e1 + e2) + t) with (s, t) = TwoSum(s1, s2).
#define COMBINE(a, b)                                                                            \
  {                                                                                              \
    const REAL s1 = sums[a];                                                                     \
    const REAL s2 = sums[b];                                                                     \
    const REAL s = s1 + s2;                                                                      \
    const REAL bb = s - s1;                                                                      \
    const REAL t = (s1 - (s - bb)) + (s2 - bb);                                                  \
    errors[a] = (errors[a] + errors[b]) + t;                                                     \
    sums[a] = s;                                                                                 \
  }

// The column of lane l of channel c: its lanes are its columns in increasing order.
#define COLUMN(c, l) (((l) / inner) * (inner * channels) + (c) * inner + (l) % inner)

// The second pass: one work-group per channel combines the channel's pairs in place, by the
// contract's pairwise tree, first over its lanes in every block, then over the blocks, and writes
// dweight[c] = s + e (s alone when s is not finite). The result does not depend on the group size.
__kernel void prelu_weight_grad(__global REAL *sums, __global REAL *errors, __global REAL *dweight,
                                const uint blocks, const uint width, const uint inner,
                                const uint channels) {
  const uint c = (uint)get_group_id(0);
  const uint lid = (uint)get_local_id(0);
  const uint size = (uint)get_local_size(0);
  const uint lanes = width / channels;
  for (uint h = 1; h < lanes; h *= 2) {
    const uint pairs = (lanes - h - 1) / (2 * h) + 1;
    for (size_t t = lid; t < (size_t)pairs * blocks; t += size) {
      const size_t q = t / pairs;
      const uint l = (uint)(t % pairs) * 2 * h;
      const size_t a = q * width + COLUMN(c, l);
      const size_t b = q * width + COLUMN(c, l + h);
      COMBINE(a, b);
    }
    barrier(CLK_GLOBAL_MEM_FENCE);
  }
  const size_t first = (size_t)c * inner;
  for (uint h = 1; h < blocks; h *= 2) {
    const uint pairs = (blocks - h - 1) / (2 * h) + 1;
    for (uint t = lid; t < pairs; t += size) {
      const size_t a = (size_t)t * 2 * h * width + first;
      COMBINE(a, a + (size_t)h * width);
    }
    barrier(CLK_GLOBAL_MEM_FENCE);
  }
  if (lid == 0) {
    const REAL s = sums[first];
    dweight[c] = isfinite(s) ? s + errors[first] : s;
  }
}

// The second pass by strips (PreluStrips): one work-group per run of pairs combines it in place by
// the pairwise tree. Run g is the g % runs-th chunk of `chunk` pairs of part g / runs, parts being
// `span` pairs each (the last chunk of a part may be shorter). Its pair goes to node target + g, or,
// with to_weight, dweight[target + g] = s + e (s alone when s is not finite).
__kernel void prelu_runs(__global REAL *sums, __global REAL *errors, const uint span,
                         const uint chunk, const uint runs, __global REAL *node_sums,
                         __global REAL *node_errors, __global REAL *dweight, const uint target,
                         const uint to_weight) {
  const uint g = (uint)get_group_id(0);
  const uint lid = (uint)get_local_id(0);
  const uint size = (uint)get_local_size(0);
  const uint j = g % runs;
  const size_t first = (size_t)(g / runs) * span + (size_t)j * chunk;
  const uint m = span - j * chunk < chunk ? span - j * chunk : chunk;
  for (uint h = 1; h < m; h *= 2) {
    const uint pairs = (m - h - 1) / (2 * h) + 1;
    for (uint t = lid; t < pairs; t += size) {
      const size_t a = first + (size_t)t * 2 * h;
      COMBINE(a, a + h);
    }
    barrier(CLK_GLOBAL_MEM_FENCE);
  }
  if (lid == 0) {
    const REAL s = sums[first];
    if (to_weight) {
      dweight[target + g] = isfinite(s) ? s + errors[first] : s;
    } else {
      node_sums[target + g] = s;
      node_errors[target + g] = errors[first];
    }
  }
}

#ifdef SIXTEEN_BITS

// The conversions of the 16-bit builds: floats rounded to the storage format (from_float) as the
// ops round their results, and the storage format widened to floats exactly (to_float), a NaN
// by the contract's rule from its bits, whatever the device's half loads make of its payload.

__kernel void from_float(__global const float *x, __global STORAGE *y, const uint n) {
  const size_t i = FIRST;
  if (WHOLE(i, n)) {
    STOREV(VLOAD(0, x + i), y + i);
  } else {
    for (size_t k = i; k < n; k++) {
      STORE(x[k], y, k);
    }
  }
}

__kernel void to_float(__global const STORAGE *x, __global float *y, const uint n) {
  const size_t i = FIRST;
  __global const ushort *bits = (__global const ushort *)x;
  if (WHOLE(i, n)) {
    const VEC v = LOADV(x + i);
    const UINTV h = CONVERT_UINTV(JOIN(vload, WIDTH)(0, bits + i));
    VSTORE(isnan(v) ? AS_VEC(NAN_OF_BITS(h)) : v, 0, y + i);
  } else {
    for (size_t k = i; k < n; k++) {
      const REAL v = LOAD(x, k);
      y[k] = isnan(v) ? as_float(NAN_OF_BITS((uint)bits[k])) : v;
    }
  }
}

#endif
