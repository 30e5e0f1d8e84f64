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
 * [out][in][row][column]). Memory: the chunk's P and Z, and per sample of the minibatch the output,
 * its gradient and the winners' positions.
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
  private final ActivationFunction activation;
  private final Parameter weights;
  private final Parameter bias;
  private final float[] patches;
  private final float[] z;
  private final float[] output;
  private final float[] outputGradient;
  // For each output value (channels-last order), where in its sample's Z the window's maximum is.
  private final int[] winner;
  // Where the j-th value of a sample in channels-last order goes in the output's order.
  private final int[] placement;
  private float[] input;

  /**
   * @param channelsFirstOutput lay each sample's output out as [channels][side][side], the order in
   *     which DL4J flattens a convolutional activation for a dense layer
   * @param chunkFloats budget of P and Z per chunk ({@link #CHUNK_FLOATS}; tests use less)
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
      int chunkFloats) {
    this.inSide = inSide;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = kernel;
    this.stride = stride;
    this.convSide = (inSide - kernel) / stride + 1;
    this.poolSide = convSide / 2;
    this.patchLength = kernel * kernel * inChannels;
    this.activation = activation;
    this.weights = new Parameter("W", outChannels * patchLength);
    this.bias = new Parameter("b", outChannels);
    int positions = convSide * convSide;
    this.chunk =
        Math.max(1, Math.min(capacity, chunkFloats / (positions * (patchLength + outChannels))));
    this.patches = new float[chunk * positions * patchLength];
    this.z = new float[chunk * positions * outChannels];
    int size = capacity * outputSize();
    this.output = new float[size];
    this.outputGradient = new float[size];
    this.winner = new int[size];
    this.placement = new int[outputSize()];
    int pooledPositions = poolSide * poolSide;
    for (int p = 0; p < pooledPositions; p++) {
      for (int c = 0; c < outChannels; c++) {
        placement[p * outChannels + c] =
            channelsFirstOutput ? c * pooledPositions + p : p * outChannels + c;
      }
    }
  }

  @Override
  public int outputSize() {
    return poolSide * poolSide * outChannels;
  }

  @Override
  public void forward(float[] input, int count) {
    this.input = input;
    int positions = convSide * convSide;
    for (int first = 0; first < count; first += chunk) {
      int n = Math.min(chunk, count - first);
      int rows = n * positions;
      gatherPatches(first, n);
      Sgemm.abT(rows, outChannels, patchLength, patches, weights.value(), z, false);
      RowOps.addToEachRow(z, rows, bias.value());
      pool(first, n);
    }
    activation.apply(output, count * outputSize());
  }

  /** Rows of P for samples [first, first + n) of the input. */
  private void gatherPatches(int first, int n) {
    int run = kernel * inChannels;
    int row = 0;
    for (int s = first; s < first + n; s++) {
      for (int oy = 0; oy < convSide; oy++) {
        for (int ox = 0; ox < convSide; ox++, row++) {
          for (int ky = 0; ky < kernel; ky++) {
            int from = ((s * inSide + oy * stride + ky) * inSide + ox * stride) * inChannels;
            System.arraycopy(input, from, patches, row * patchLength + ky * run, run);
          }
        }
      }
    }
  }

  /** Max of each window of Z (the chunk's samples [first, first + n)) into the output. */
  private void pool(int first, int n) {
    int size = outputSize();
    int right = outChannels;
    int below = convSide * outChannels;
    int sampleZ = convSide * convSide * outChannels;
    for (int s = 0; s < n; s++) {
      int j = 0;
      for (int oy = 0; oy < poolSide; oy++) {
        for (int ox = 0; ox < poolSide; ox++) {
          int topLeft = ((2 * oy) * convSide + 2 * ox) * outChannels;
          for (int c = 0; c < outChannels; c++, j++) {
            int at = s * sampleZ + topLeft + c;
            int best = at;
            best = z[at + right] > z[best] ? at + right : best;
            best = z[at + below] > z[best] ? at + below : best;
            best = z[at + below + right] > z[best] ? at + below + right : best;
            int out = (first + s) * size + placement[j];
            output[out] = z[best];
            winner[out] = best - s * sampleZ;
          }
        }
      }
    }
  }

  @Override
  public void backward(int count, float[] inputGradient) {
    int size = outputSize();
    int positions = convSide * convSide;
    int sampleZ = positions * outChannels;
    float[] gradient = outputGradient;
    activation.backprop(gradient, output, count * size);
    float[] biasGradient = bias.gradient();
    Arrays.fill(biasGradient, 0f);
    for (int s = 0; s < count; s++) {
      for (int j = 0; j < size; j++) {
        biasGradient[winner[s * size + j] % outChannels] += gradient[s * size + j];
      }
    }
    if (inputGradient != null) {
      Arrays.fill(inputGradient, 0, count * inSide * inSide * inChannels, 0f);
    }
    for (int first = 0; first < count; first += chunk) {
      int n = Math.min(chunk, count - first);
      int rows = n * positions;
      gatherPatches(first, n);
      float[] dz = z; // Z of this chunk is no longer needed
      Arrays.fill(dz, 0, rows * outChannels, 0f);
      for (int s = 0; s < n; s++) {
        int base = (first + s) * size;
        for (int j = 0; j < size; j++) {
          dz[s * sampleZ + winner[base + j]] = gradient[base + j];
        }
      }
      Sgemm.aTb(outChannels, patchLength, rows, dz, patches, weights.gradient(), first > 0);
      if (inputGradient != null) {
        Sgemm.ab(rows, patchLength, outChannels, dz, weights.value(), patches, false);
        scatterPatches(first, n, inputGradient);
      }
    }
  }

  /** Adds each row of ∂P (in the patch buffer) onto the pixels of its patch in ∂input. */
  private void scatterPatches(int first, int n, float[] inputGradient) {
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
