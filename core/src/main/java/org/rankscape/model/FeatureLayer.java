package org.rankscape.model;

import java.util.List;

/**
 * The layers of the Figure-1 network whose outputs can be analysed, with the paper's index k
 * (layers counted from 1, pooling layers included) so that {@code conv1} is the paper's F1 and
 * {@code conv2} its F3. The output of a layer is taken after its activation, as in the paper.
 */
public enum FeatureLayer {
  CONV1(1),
  POOL1(2),
  CONV2(3),
  POOL2(4),
  FC1(5),
  OUTPUT(6);

  private final int paperIndex;

  FeatureLayer(int paperIndex) {
    this.paperIndex = paperIndex;
  }

  /** k in the paper's F_k. */
  public int paperIndex() {
    return paperIndex;
  }

  /** Index of the layer in the DL4J network (k − 1). */
  public int networkIndex() {
    return paperIndex - 1;
  }

  /** The name used in sweep files and tables, e.g. {@code conv1}. */
  public String label() {
    return Labels.of(this);
  }

  /** n_k, the number of neurons of this layer for a network with {@code filters} conv-1 filters. */
  public int width(int filters) {
    return channels(filters) * positions();
  }

  /**
   * Feature maps of this layer (a dense layer counts each unit as one map of one position). DL4J
   * flattens a layer's output channel by channel, so the neurons of channel c are the {@link
   * #positions()} consecutive columns from c·positions() on.
   */
  public int channels(int filters) {
    return switch (this) {
      case CONV1, POOL1 -> filters;
      case CONV2, POOL2 -> Figure1Network.CONV2_FILTERS;
      case FC1 -> Figure1Network.FC1_UNITS;
      case OUTPUT -> Figure1Network.CLASSES;
    };
  }

  /** Spatial positions per channel: side² of the feature map, 1 for a dense layer. */
  public int positions() {
    int side =
        switch (this) {
          case CONV1 -> Figure1Network.CONV1_SIDE;
          case POOL1 -> Figure1Network.POOL1_SIDE;
          case CONV2 -> Figure1Network.CONV2_SIDE;
          case POOL2 -> Figure1Network.POOL2_SIDE;
          case FC1, OUTPUT -> 1;
        };
    return side * side;
  }

  public static List<String> labels() {
    return Labels.all(FeatureLayer.class);
  }

  public static FeatureLayer fromLabel(String label) {
    return Labels.parse(FeatureLayer.class, label);
  }
}
