package org.rankscape.model;

import java.util.List;
import org.deeplearning4j.nn.weights.WeightInit;

/** Weight initialisations offered as a setting, mapped to DL4J's. */
public enum WeightInitScheme {
  XAVIER(WeightInit.XAVIER),
  XAVIER_UNIFORM(WeightInit.XAVIER_UNIFORM),
  RELU(WeightInit.RELU),
  LECUN_NORMAL(WeightInit.LECUN_NORMAL);

  private final WeightInit dl4j;

  WeightInitScheme(WeightInit dl4j) {
    this.dl4j = dl4j;
  }

  public WeightInit dl4j() {
    return dl4j;
  }

  public String label() {
    return Labels.of(this);
  }

  public static List<String> labels() {
    return Labels.all(WeightInitScheme.class);
  }

  public static WeightInitScheme fromLabel(String label) {
    return Labels.parse(WeightInitScheme.class, label);
  }
}
