package org.rankscape.model.blas;

import java.util.Arrays;
import java.util.List;
import org.rankscape.model.ActivationFunction;

/**
 * A convolution block of the Figure-1 network on channels-last images [side][side][channels]: a
 * square convolution without padding (DL4J's {@code Truncate} mode), 2×2 max-pooling with stride 2
 * (an odd last row or column dropped), then the activation f.
 *
 * <p>The math, per chunk of samples: the patches form P [rows × k²·inChannels], one row per
 * convolution output position, so the pre-activations are Z = P·Wᵀ + b with W [outChannels ×
 * k²·inChannels]; the output is f(max Z) over each window. Pooling Z before f gives the same as
 * DL4J's max f(Z), because every {@link ActivationFunction} is non-decreasing, and evaluates f on a
 * quarter of the values. Backward: ∂Z is ∂output·f'(max Z) at the first window element (in
 * row-major order) holding the maximum, zero elsewhere; ∂W += ∂Zᵀ·P, ∂b = Σ ∂Z, ∂P = ∂Z·W, and
 * ∂input adds each row of ∂P back onto its patch. (Where f saturates in float32, f(Z) may tie where
 * Z does not and DL4J routes the gradient to another element; f' is ~0 there.)
 *
 * <p>Cost: 2·rows·outChannels·k²·inChannels flops per product, three products (two when ∂input is
 * not needed). Chunks of samples small enough for P and Z to stay in cache ({@link #CHUNK_FLOATS})
 * keep this compute-bound, where whole-minibatch buffers made the pooling and the copies stream
 * from memory. A patch row holds its pixels in (row, column, channel) order, {@code k} contiguous
 * runs of the input, and W the same ({@link #fromDl4jOrder} converts from DL4J's
 * [out][in][row][column]). Memory: per thread the chunk's P and Z (in Java arrays for the passes
 * here and in native memory for SGEMM, {@link NativeFloats}), and per sample of the minibatch the
 * output, its gradient and the winners' codes.
 *
 * <p>The bias is added after pooling (max(Z) + b, see {@link Kernels#poolWithBias}), and pooling,
 * bias and f run per chunk while Z is in cache. With several {@link Workers} each thread takes a
 * contiguous range of the minibatch's samples with its own buffers and its own partial ∂W and ∂b,
 * summed at the end: results then differ from one thread's only by that summation order.
 */
final class ConvolutionBlock implements Layer {
  /** Budget of P and Z together per chunk: 1 MiB of floats, about a core's L2 cache. */
  static final int CHUNK_FLOATS = 1 << 18;

  private final int inSide;
  private final int inChannels;
  private final int outChannels;
  private final int kernel;
  private final int stride;
  private final int convSide;
  private final int poolSide;
  private final int patchLength;
  private final int chunk;
  private final boolean channelsFirstOutput;
  // One input channel: P is kept transposed, [k² × rows], so that each of its rows is built from
  // runs of an image row (P's own rows would be runs of k floats, too short to copy fast).
  private final boolean transposedPatches;
  private final ActivationFunction activation;
  private final Parameter weights;
  private final Parameter bias;
  private final NativeFloats nativeWeights;
  private final Workers workers;
  private final Workspace[] workspaces;
  private final float[] output;
  private final float[] outputGradient;
  // Per output value (channels-last order within a sample): which of its window's four values,
  // in row-major order, held the maximum (0 to 3, as a float for the SIMD kernels).
  private final float[] code;
  // Where the j-th value of a sample in channels-last order goes in the output's order.
  private final int[] placement;
  // Offset in a sample's Z of each pooled position's window (its top-left value, channel 0).
  private final int[] topLeft;
  // Offset in a sample's Z of the top-left value of the window of the j-th value (channels last).
  private final int[] windowOf;
  // Offset of each window value from the top-left one, by code.
  private final int[] codeOffset;
  // Another thread's ∂W on its way into the sum (several threads only).
  private final float[] partialWeightGradient;
  private float[] input;

  /** One thread's buffers: a chunk's P and Z (or ∂Z) on both sides, its partial ∂W and ∂b. */
  private static final class Workspace {
    final float[] patches;
    final float[] z;
    final float[] pooled;
    final NativeFloats nativePatches;
    final NativeFloats nativeZ;
    final NativeFloats weightGradient;
    final float[] biasGradient;
    boolean hasGradient;

    Workspace(int patchFloats, int zFloats, int outputSize, int weights, int outChannels) {
      patches = new float[patchFloats];
      z = new float[zFloats];
      pooled = new float[outputSize];
      nativePatches = new NativeFloats(patchFloats);
      nativeZ = new NativeFloats(zFloats);
      weightGradient = new NativeFloats(weights);
      biasGradient = new float[outChannels];
    }
  }

  /**
   * @param channelsFirstOutput lay each sample's output out as [channels][side][side], the order in
   *     which DL4J flattens a convolutional activation for a dense layer
   * @param chunkFloats budget of P and Z per chunk ({@link #CHUNK_FLOATS}; tests use less)
   * @param workers the threads that share a minibatch
   */
  ConvolutionBlock(
      int inSide,
      int inChannels,
      int outChannels,
      int kernel,
      int stride,
      ActivationFunction activation,
      boolean channelsFirstOutput,
      int capacity,
      int chunkFloats,
      Workers workers) {
    this(
        inSide,
        inChannels,
        outChannels,
        kernel,
        stride,
        activation,
        channelsFirstOutput,
        capacity,
        chunkFloats,
        workers,
        inChannels == 1);
  }

  /** As above, with P's layout chosen (transposed only for one input channel); for tests. */
  ConvolutionBlock(
      int inSide,
      int inChannels,
      int outChannels,
      int kernel,
      int stride,
      ActivationFunction activation,
      boolean channelsFirstOutput,
      int capacity,
      int chunkFloats,
      Workers workers,
      boolean transposedPatches) {
    if (transposedPatches && inChannels != 1) {
      throw new IllegalArgumentException(
          "transposed patches with " + inChannels + " input channels: expected 1");
    }
    this.inSide = inSide;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = kernel;
    this.stride = stride;
    this.convSide = (inSide - kernel) / stride + 1;
    this.poolSide = convSide / 2;
    this.patchLength = kernel * kernel * inChannels;
    this.activation = activation;
    this.channelsFirstOutput = channelsFirstOutput;
    this.transposedPatches = transposedPatches;
    this.weights = new Parameter("W", outChannels * patchLength);
    this.bias = new Parameter("b", outChannels);
    this.nativeWeights = new NativeFloats(weights.value().length);
    this.workers = workers;
    int positions = convSide * convSide;
    this.chunk =
        Math.max(1, Math.min(capacity, chunkFloats / (positions * (patchLength + outChannels))));
    this.workspaces = new Workspace[workers.count()];
    this.partialWeightGradient = new float[workers.count() > 1 ? weights.value().length : 0];
    for (int w = 0; w < workspaces.length; w++) {
      workspaces[w] =
          new Workspace(
              chunk * positions * patchLength,
              chunk * positions * outChannels,
              outputSize(),
              weights.value().length,
              outChannels);
    }
    int size = capacity * outputSize();
    this.output = new float[size];
    this.outputGradient = new float[size];
    this.code = new float[size];
    this.placement = new int[outputSize()];
    this.windowOf = new int[outputSize()];
    int pooledPositions = poolSide * poolSide;
    this.topLeft = new int[pooledPositions];
    for (int oy = 0, p = 0; oy < poolSide; oy++) {
      for (int ox = 0; ox < poolSide; ox++, p++) {
        topLeft[p] = ((2 * oy) * convSide + 2 * ox) * outChannels;
      }
    }
    for (int p = 0; p < pooledPositions; p++) {
      for (int c = 0; c < outChannels; c++) {
        placement[p * outChannels + c] =
            channelsFirstOutput ? c * pooledPositions + p : p * outChannels + c;
        windowOf[p * outChannels + c] = topLeft[p] + c;
      }
    }
    int right = outChannels;
    int below = convSide * outChannels;
    this.codeOffset = new int[] {0, right, below, below + right};
  }

  @Override
  public int outputSize() {
    return poolSide * poolSide * outChannels;
  }

  @Override
  public void forward(float[] input, int count) {
    this.input = input;
    nativeWeights.load(weights.value(), weights.value().length);
    workers.forEachRange(count, 1, (w, from, to) -> forwardRange(workspaces[w], from, to));
  }

  private void forwardRange(Workspace ws, int from, int to) {
    int positions = convSide * convSide;
    int size = outputSize();
    int sampleZ = positions * outChannels;
    for (int first = from; first < to; first += chunk) {
      int n = Math.min(chunk, to - first);
      int rows = n * positions;
      gatherPatches(ws.patches, first, n);
      ws.nativePatches.load(ws.patches, rows * patchLength);
      if (transposedPatches) {
        Sgemm.aTbT(
            rows, outChannels, patchLength, ws.nativePatches, nativeWeights, ws.nativeZ, false);
      } else {
        Sgemm.abT(
            rows, outChannels, patchLength, ws.nativePatches, nativeWeights, ws.nativeZ, false);
      }
      ws.nativeZ.store(ws.z, rows * outChannels);
      for (int s = 0; s < n; s++) {
        int base = (first + s) * size;
        float[] pooled = channelsFirstOutput ? ws.pooled : output;
        Kernels.poolWithBias(
            ws.z,
            s * sampleZ,
            topLeft,
            outChannels,
            codeOffset[1],
            codeOffset[2],
            bias.value(),
            pooled,
            channelsFirstOutput ? 0 : base,
            code,
            base);
        if (channelsFirstOutput) {
          for (int j = 0; j < size; j++) {
            output[base + placement[j]] = pooled[j];
          }
        }
      }
      Kernels.activate(activation, output, first * size, (first + n) * size);
    }
  }

  /** Rows of P (or of Pᵀ), into {@code patches}, for samples [first, first + n) of the input. */
  private void gatherPatches(float[] patches, int first, int n) {
    if (transposedPatches) {
      gatherTransposedPatches(patches, first, n);
      return;
    }
    int run = kernel * inChannels;
    int row = 0;
    for (int s = first; s < first + n; s++) {
      for (int oy = 0; oy < convSide; oy++) {
        for (int ox = 0; ox < convSide; ox++, row++) {
          for (int ky = 0; ky < kernel; ky++) {
            int from = ((s * inSide + oy * stride + ky) * inSide + ox * stride) * inChannels;
            int to = row * patchLength + ky * run;
            if (run < 16) { // a call to arraycopy costs more than a few floats
              for (int i = 0; i < run; i++) {
                patches[to + i] = input[from + i];
              }
            } else {
              System.arraycopy(input, from, patches, to, run);
            }
          }
        }
      }
    }
  }

  @Override
  public void backward(int count, float[] inputGradient) {
    for (Workspace ws : workspaces) {
      ws.hasGradient = false;
    }
    workers.forEachRange(
        count, 1, (w, from, to) -> backwardRange(workspaces[w], from, to, inputGradient));
    float[] biasGradient = bias.gradient();
    float[] weightGradient = weights.gradient();
    Arrays.fill(biasGradient, 0f);
    boolean first = true;
    for (Workspace ws : workspaces) {
      if (!ws.hasGradient) {
        continue;
      }
      for (int c = 0; c < outChannels; c++) {
        biasGradient[c] += ws.biasGradient[c];
      }
      if (first) {
        ws.weightGradient.store(weightGradient, weightGradient.length);
        first = false;
      } else {
        float[] partial = partialWeightGradient;
        ws.weightGradient.store(partial, partial.length);
        for (int i = 0; i < partial.length; i++) {
          weightGradient[i] += partial[i];
        }
      }
    }
  }

  private void backwardRange(Workspace ws, int from, int to, float[] inputGradient) {
    int size = outputSize();
    int positions = convSide * convSide;
    int sampleZ = positions * outChannels;
    float[] gradient = outputGradient;
    activation.backprop(gradient, output, from * size, to * size);
    Arrays.fill(ws.biasGradient, 0f);
    for (int s = from; s < to; s++) {
      for (int j = 0, at = s * size; j < size; j += outChannels) {
        for (int c = 0; c < outChannels; c++) {
          ws.biasGradient[c] += gradient[at + placement[j + c]];
        }
      }
    }
    int pixels = inSide * inSide * inChannels;
    if (inputGradient != null) {
      Arrays.fill(inputGradient, from * pixels, to * pixels, 0f);
    }
    for (int first = from; first < to; first += chunk) {
      int n = Math.min(chunk, to - first);
      int rows = n * positions;
      gatherPatches(ws.patches, first, n);
      ws.nativePatches.load(ws.patches, rows * patchLength);
      float[] dz = ws.z; // Z of this chunk is no longer needed
      Arrays.fill(dz, 0, rows * outChannels, 0f);
      for (int s = 0; s < n; s++) {
        int base = (first + s) * size;
        for (int j = 0; j < size; j++) {
          dz[s * sampleZ + windowOf[j] + codeOffset[(int) code[base + j]]] =
              gradient[base + placement[j]];
        }
      }
      ws.nativeZ.load(dz, rows * outChannels);
      if (transposedPatches) {
        Sgemm.aTbT(
            outChannels,
            patchLength,
            rows,
            ws.nativeZ,
            ws.nativePatches,
            ws.weightGradient,
            first > from);
      } else {
        Sgemm.aTb(
            outChannels,
            patchLength,
            rows,
            ws.nativeZ,
            ws.nativePatches,
            ws.weightGradient,
            first > from);
      }
      if (inputGradient != null && transposedPatches) {
        Sgemm.aTbT(
            patchLength, rows, outChannels, nativeWeights, ws.nativeZ, ws.nativePatches, false);
      } else if (inputGradient != null) {
        Sgemm.ab(
            rows, patchLength, outChannels, ws.nativeZ, nativeWeights, ws.nativePatches, false);
      }
      if (inputGradient != null) {
        ws.nativePatches.store(ws.patches, rows * patchLength);
        scatterPatches(ws.patches, first, n, inputGradient);
      }
    }
    ws.hasGradient = true;
  }

  /**
   * Pᵀ for one input channel: its row (ky, kx) holds, for each output position (oy, ox) of each
   * sample, the pixel (oy·stride + ky, ox·stride + kx).
   */
  private void gatherTransposedPatches(float[] patches, int first, int n) {
    int rows = n * convSide * convSide;
    for (int ky = 0, t = 0; ky < kernel; ky++) {
      for (int kx = 0; kx < kernel; kx++, t++) {
        int to = t * rows;
        for (int s = first; s < first + n; s++) {
          for (int oy = 0; oy < convSide; oy++) {
            int from = (s * inSide + oy * stride + ky) * inSide + kx;
            if (stride == 1) {
              System.arraycopy(input, from, patches, to, convSide);
              to += convSide;
            } else {
              for (int ox = 0; ox < convSide; ox++, to++) {
                patches[to] = input[from + ox * stride];
              }
            }
          }
        }
      }
    }
  }

  /** Adds each row of ∂P (in {@code patches}) onto the pixels of its patch in ∂input. */
  private void scatterPatches(float[] patches, int first, int n, float[] inputGradient) {
    if (transposedPatches) {
      int rows = n * convSide * convSide;
      for (int ky = 0, t = 0; ky < kernel; ky++) {
        for (int kx = 0; kx < kernel; kx++, t++) {
          int from = t * rows;
          for (int s = first; s < first + n; s++) {
            for (int oy = 0; oy < convSide; oy++) {
              int to = (s * inSide + oy * stride + ky) * inSide + kx;
              for (int ox = 0; ox < convSide; ox++, from++) {
                inputGradient[to + ox * stride] += patches[from];
              }
            }
          }
        }
      }
      return;
    }
    int run = kernel * inChannels;
    int row = 0;
    for (int s = first; s < first + n; s++) {
      for (int oy = 0; oy < convSide; oy++) {
        for (int ox = 0; ox < convSide; ox++, row++) {
          for (int ky = 0; ky < kernel; ky++) {
            int to = ((s * inSide + oy * stride + ky) * inSide + ox * stride) * inChannels;
            int from = row * patchLength + ky * run;
            for (int i = 0; i < run; i++) {
              inputGradient[to + i] += patches[from + i];
            }
          }
        }
      }
    }
  }

  @Override
  public float[] output() {
    return output;
  }

  @Override
  public float[] outputGradient() {
    return outputGradient;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weights, bias);
  }

  /** W or ∂W in DL4J's layout [out][in][row][column], from this block's; b as it is. */
  @Override
  public float[] toDl4jOrder(Parameter p, float[] own) {
    if (p != weights) {
      return own;
    }
    float[] dl4j = new float[own.length];
    reorder(own, dl4j, false);
    return dl4j;
  }

  /** W in this block's layout [out][row][column][in], from DL4J's; b as it is. */
  @Override
  public float[] fromDl4jOrder(Parameter p, float[] dl4j) {
    if (p != weights) {
      return dl4j;
    }
    float[] own = new float[dl4j.length];
    reorder(dl4j, own, true);
    return own;
  }

  /** Copies between DL4J's [out][in][row][col] and this block's [out][row][col][in]. */
  private void reorder(float[] from, float[] to, boolean fromDl4j) {
    int k2 = kernel * kernel;
    for (int o = 0; o < outChannels; o++) {
      for (int c = 0; c < inChannels; c++) {
        for (int p = 0; p < k2; p++) {
          int dl4j = (o * inChannels + c) * k2 + p;
          int own = (o * k2 + p) * inChannels + c;
          if (fromDl4j) {
            to[own] = from[dl4j];
          } else {
            to[dl4j] = from[own];
          }
        }
      }
    }
  }
}
