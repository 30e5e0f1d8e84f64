package org.rankscape.cnn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.rankscape.model.FeatureLayer;
import org.rankscape.model.LayerFeatures;
import org.rankscape.spectra.ColumnPanelSource;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.RowSink;

/**
 * F_k of a trained Figure-1 network as a {@link RowBlockSource}: the weights (serialized, a few MB)
 * and the recipe of the training images, from which any machine rebuilds any block. A tall F_k (n_k
 * ≤ N) is produced in blocks of images; a wide one as Fᵀ in blocks of channels (whole filters of
 * conv1 or conv2 evaluated on all N images), so no block ever holds all of F_k.
 *
 * <p>It is also a {@link ColumnPanelSource} of the same A, for the block-column QR: the other way
 * round, a column panel of a tall A = F is a group of whole channels evaluated on all N images (the
 * rows of Fᵀ that {@link LayerFeatures#channelRows} gives are A's columns), and a column panel of A
 * = Fᵀ for a wide F is a range of images (the rows of F that {@link LayerFeatures#sampleRows} gives
 * are A's columns). Panels hold about {@value #PANEL_COLUMNS} columns (whole channels: one conv1
 * channel of 676 positions is a panel by itself).
 *
 * <p>Every {@link #open()} deserializes the network and reloads and re-noises the images (about a
 * second at N = 60,000): readers share nothing, which keeps concurrent Spark tasks in one JVM safe.
 */
final class Figure1FeatureSource implements RowBlockSource, ColumnPanelSource {
  private static final long serialVersionUID = 1L;

  /** Images per block of a tall F_k. */
  private static final int SAMPLE_BLOCK = 500;

  /** Target entries of a block of a wide F_k (2²² doubles = 32 MB), at least one channel. */
  private static final long CHANNEL_BLOCK_ENTRIES = 1L << 22;

  /** Target columns of a panel of A: wide enough for level-3 BLAS, small against n. */
  static final int PANEL_COLUMNS = 384;

  private final byte[] network;
  private final int filters;
  private final TrainingImages images;
  private final FeatureLayer layer;
  private final boolean wide;
  private final int channelsPerBlock;

  private final int panelColumns;

  Figure1FeatureSource(
      MultiLayerNetwork net, int filters, TrainingImages images, FeatureLayer layer) {
    this(net, filters, images, layer, PANEL_COLUMNS);
  }

  /** With column panels of about {@code panelColumns} columns (tests: many panels of a small F). */
  Figure1FeatureSource(
      MultiLayerNetwork net,
      int filters,
      TrainingImages images,
      FeatureLayer layer,
      int panelColumns) {
    this.panelColumns = panelColumns;
    this.network = serialize(net);
    this.filters = filters;
    this.images = images;
    this.layer = layer;
    this.wide = layer.width(filters) > images.samples();
    long perChannel = (long) layer.positions() * images.samples();
    this.channelsPerBlock = (int) Math.max(1, CHANNEL_BLOCK_ENTRIES / perChannel);
  }

  @Override
  public int rows() {
    return wide ? layer.width(filters) : images.samples();
  }

  @Override
  public int cols() {
    return wide ? images.samples() : layer.width(filters);
  }

  @Override
  public boolean transposed() {
    return wide;
  }

  @Override
  public int blockCount() {
    return wide
        ? ceilDiv(layer.channels(filters), channelsPerBlock)
        : ceilDiv(images.samples(), SAMPLE_BLOCK);
  }

  @Override
  public Reader open() {
    LayerFeatures features = new LayerFeatures(deserialize(), filters, images.load(), layer);
    return new Reader() {
      @Override
      public void feed(int index, RowSink into) {
        if (wide) {
          int first = index * channelsPerBlock;
          features.channelRows(
              first, Math.min(channelsPerBlock, layer.channels(filters) - first), into);
        } else {
          int first = index * SAMPLE_BLOCK;
          features.sampleRows(first, Math.min(SAMPLE_BLOCK, images.samples() - first), into);
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public int[] panelStarts() {
    return wide
        ? ColumnPanelSource.startsOfUnits(rows(), cols(), 1, panelColumns)
        : ColumnPanelSource.startsOfUnits(rows(), cols(), layer.positions(), panelColumns);
  }

  @Override
  public PanelReader openPanels() {
    LayerFeatures features = new LayerFeatures(deserialize(), filters, images.load(), layer);
    int[] starts = panelStarts();
    int m = rows();
    return new PanelReader() {
      @Override
      public void read(int panel, double[] colMajor) {
        int first = starts[panel];
        int width = (panel + 1 < starts.length ? starts[panel + 1] : cols()) - first;
        // Either way the sink's rows, m values each, are A's columns in order.
        int[] filled = {0};
        RowSink columns =
            (rowMajor, offset, count) -> {
              System.arraycopy(rowMajor, offset, colMajor, filled[0] * m, count * m);
              filled[0] += count;
            };
        if (wide) {
          features.sampleRows(first, width, columns);
        } else {
          int positions = layer.positions();
          features.channelRows(first / positions, width / positions, columns);
        }
        if (filled[0] != width) {
          throw new IllegalStateException(
              "panel " + panel + " received " + filled[0] + " columns, expected " + width);
        }
      }

      @Override
      public void close() {}
    };
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static byte[] serialize(MultiLayerNetwork net) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(net, bytes, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the trained network", e);
    }
    return bytes.toByteArray();
  }

  private MultiLayerNetwork deserialize() {
    try {
      return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(network), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore the trained network", e);
    }
  }
}
