package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureMatrixTest {

  @Test
  void ofRowsStoresRowMajor() {
    FeatureMatrix f = FeatureMatrix.ofRows(new double[][] {{1, 2, 3}, {4, 5, 6}});

    assertEquals(2, f.rows());
    assertEquals(3, f.cols());
    assertEquals(6.0, f.get(1, 2));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, f.toRowMajor());
  }

  @Test
  void fromRowMajorCopiesItsInput() {
    double[] data = {1, 2, 3, 4};
    FeatureMatrix f = FeatureMatrix.fromRowMajor(2, 2, data);

    data[0] = 99;

    assertEquals(1.0, f.get(0, 0));
  }

  @Test
  void setRowsFillsABlockFromAnOffset() {
    FeatureMatrix f = FeatureMatrix.zeros(4, 2);

    f.setRows(1, new double[] {-1, 7, 8, 9, 10}, 1, 2);

    assertArrayEquals(new double[] {0, 0, 7, 8, 9, 10, 0, 0}, f.toRowMajor());
  }

  @Test
  void setRowsRejectsBlocksOutsideTheMatrixOrTheSource() {
    FeatureMatrix f = FeatureMatrix.zeros(4, 2);

    IllegalArgumentException pastEnd =
        assertThrows(IllegalArgumentException.class, () -> f.setRows(3, new double[4], 0, 2));
    IllegalArgumentException shortSource =
        assertThrows(IllegalArgumentException.class, () -> f.setRows(0, new double[5], 2, 2));

    assertTrue(pastEnd.getMessage().contains("rows (4)"), pastEnd.getMessage());
    assertTrue(shortSource.getMessage().contains("src.length = 5"), shortSource.getMessage());
    assertArrayEquals(new double[8], f.toRowMajor(), "nothing written");
  }

  @Test
  void rejectsRaggedAndEmptyInput() {
    assertThrows(
        IllegalArgumentException.class, () -> FeatureMatrix.ofRows(new double[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.ofRows(new double[0][]));
    assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.zeros(0, 3));
    assertThrows(
        IllegalArgumentException.class, () -> FeatureMatrix.fromRowMajor(2, 2, new double[3]));
  }

  @Test
  void rejectsShapesBeyondOneArrayNamingRowsColsProductAndBytes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.zeros(50_000, 50_000));

    String message = e.getMessage();
    assertTrue(
        message.contains("rows (50000)")
            && message.contains("cols (50000)")
            && message.contains("2500000000")
            && message.contains("20000000000 bytes"),
        message);
  }
}
