package org.rankscape.model.blas;

import org.bytedeco.javacpp.FloatPointer;

/**
 * A float buffer in native memory, allocated once, that SGEMM reads and writes in place, with
 * copies to and from Java arrays ({@code GetFloatArrayRegion}-style memcpy, no allocation). Freed
 * with its owner by JavaCPP's deallocator when unreachable.
 *
 * <p>Why: JavaCPP passes a Java array to {@code cblas_sgemm} by allocating native memory, copying
 * the array in and copying it back out, for each of A, B and C on every call; large allocations
 * were fresh pages each time (page faults showed in the profile). Here the weights cross once per
 * step, a product's output is not copied in, its inputs are not copied back, and nothing is
 * allocated per call.
 */
final class NativeFloats {
  private final FloatPointer pointer;
  private final int capacity;

  NativeFloats(int capacity) {
    this.capacity = Math.max(1, capacity);
    this.pointer = new FloatPointer(this.capacity);
  }

  FloatPointer pointer() {
    return pointer;
  }

  /** Copies {@code from[0, n)} into this buffer's first n floats. */
  NativeFloats load(float[] from, int n) {
    check(n);
    pointer.position(0).put(from, 0, n);
    return this;
  }

  /** Copies this buffer's first n floats into {@code to[0, n)}. */
  void store(float[] to, int n) {
    check(n);
    pointer.position(0).get(to, 0, n);
  }

  private void check(int n) {
    if (n < 0 || n > capacity) {
      throw new IllegalArgumentException(n + " floats: expected 0 to " + capacity);
    }
  }
}
