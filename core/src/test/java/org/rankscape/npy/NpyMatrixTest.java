package org.rankscape.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rankscape.data.DataFileException;

class NpyMatrixTest {
  // Marks dst slots that readRows must leave alone.
  private static final double UNTOUCHED = -12345.5;
  // Shape (2, 3) of the hand-made files below, and their 48 bytes of float64 data.
  private static final String VALID_DICT =
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
  private static final double[] SIX = {0.5, -1.25, 2, 3.75, -4, 5.125};

  @TempDir Path dir;

  // ---- round trips through write ----

  @ParameterizedTest(name = "{0} fortranOrder={1}")
  @CsvSource({"<f8, false", "<f8, true", "<f4, false", "<f4, true"})
  void writeThenReadRoundTripsAnyRowRange(String dtype, boolean fortranOrder) {
    int rows = 5;
    int cols = 7;
    double[] values = new double[rows * cols];
    for (int k = 0; k < values.length; k++) {
      double value = Math.sqrt(k) - 2.5;
      // float32 files get values float32 holds exactly, so the round trip is exact.
      values[k] = dtype.equals("<f4") ? (float) value : value;
    }
    Path file = dir.resolve("m.npy");
    NpyMatrix.write(file, values, rows, cols, dtype, fortranOrder);

    try (NpyMatrix matrix = NpyMatrix.open(file)) {
      assertEquals(rows, matrix.rows());
      assertEquals(cols, matrix.cols());
      assertEquals(dtype, matrix.dtype());
      assertEquals(fortranOrder, matrix.fortranOrder());
      assertEquals(file, matrix.file());
      assertReads(matrix, values, 0, rows);
      assertReads(matrix, values, 1, 3);
      assertReads(matrix, values, rows - 1, 1);
      assertReads(matrix, values, 2, 0);
    }
  }

  @ParameterizedTest(name = "{0} fortranOrder={1}")
  @CsvSource({"<f8, false", "<f8, true", "<f4, false", "<f4, true"})
  void transposedReadsColumnsAsRows(String dtype, boolean fortranOrder) {
    int rows = 4;
    int cols = 6;
    double[] values = new double[rows * cols];
    double[] transpose = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        values[r * cols + c] = 10 * r + c;
        transpose[c * rows + r] = 10 * r + c;
      }
    }
    Path file = dir.resolve("t.npy");
    NpyMatrix.write(file, values, rows, cols, dtype, fortranOrder);
    try (NpyMatrix matrix = NpyMatrix.open(file)) {
      NpyMatrix t = matrix.transposed();
      assertEquals(cols, t.rows());
      assertEquals(rows, t.cols());
      assertReads(t, transpose, 0, cols);
      assertReads(t, transpose, 2, 3);
    }
  }

  /** Reads rows [firstRow, firstRow + rowCount) at offset 3 of dst and checks dst entirely. */
  private static void assertReads(NpyMatrix matrix, double[] rowMajor, int firstRow, int rowCount) {
    int cols = matrix.cols();
    double[] dst = new double[3 + rowCount * cols + 2];
    Arrays.fill(dst, UNTOUCHED);
    matrix.readRows(firstRow, rowCount, dst, 3);

    double[] expected = new double[dst.length];
    Arrays.fill(expected, UNTOUCHED);
    System.arraycopy(rowMajor, firstRow * cols, expected, 3, rowCount * cols);
    assertArrayEquals(expected, dst, "rows " + firstRow + " + " + rowCount);
  }

  /**
   * Matrices larger than the 1 MiB read buffer: C-order blocks read in several pieces,
   * Fortran-order runs of several columns read together, runs read one per column, and a single
   * column run longer than the buffer (the tall case).
   */
  @ParameterizedTest(name = "{0} x {1} {2} fortranOrder={3}, rows {4} + {5}")
  @CsvSource({
    "600, 300, <f8, false, 0, 600",
    "600, 300, <f8, false, 17, 400",
    "600, 300, <f8, true, 0, 600",
    "600, 300, <f8, true, 100, 300",
    "600, 300, <f8, true, 590, 10",
    "600, 300, <f4, true, 150, 450",
    "600, 300, <f4, false, 599, 1",
    "140000, 2, <f8, true, 3, 139990",
    "140000, 2, <f8, false, 5, 139995"
  })
  void largeMatricesReadInPieces(
      int rows, int cols, String dtype, boolean fortranOrder, int firstRow, int rowCount) {
    double[] values = new double[rows * cols];
    for (int k = 0; k < values.length; k++) {
      values[k] = dtype.equals("<f4") ? (float) (k * 0.001) : k * 0.001;
    }
    Path file = dir.resolve("large.npy");
    NpyMatrix.write(file, values, rows, cols, dtype, fortranOrder);

    try (NpyMatrix matrix = NpyMatrix.open(file)) {
      assertReads(matrix, values, firstRow, rowCount);
    }
  }

  // ---- files as numpy writes them (see fixture()) ----

  @Test
  void readsNumpyFloat64COrder() throws IOException {
    try (NpyMatrix matrix = NpyMatrix.open(fixture("c_f8.npy"))) {
      assertEquals(3, matrix.rows());
      assertEquals(4, matrix.cols());
      assertEquals("<f8", matrix.dtype());
      assertFalse(matrix.fortranOrder());
      double[] expected = new double[12];
      for (int k = 0; k < 12; k++) {
        expected[k] = k / 8.0;
      }
      assertReads(matrix, expected, 0, 3);
      assertReads(matrix, expected, 1, 1);
    }
  }

  @Test
  void readsNumpyFloat32FortranOrderWideningExactly() throws IOException {
    try (NpyMatrix matrix = NpyMatrix.open(fixture("fortran_f4.npy"))) {
      assertEquals(3, matrix.rows());
      assertEquals(4, matrix.cols());
      assertEquals("<f4", matrix.dtype());
      assertTrue(matrix.fortranOrder());
      double[] expected = new double[12];
      for (int k = 0; k < 12; k++) {
        // numpy rounded k / 10 to float32; widening that float to double is exact.
        expected[k] = (float) (k / 10.0);
      }
      assertEquals(0.10000000149011612, expected[1]);
      assertReads(matrix, expected, 0, 3);
      assertReads(matrix, expected, 1, 2);
      assertReads(matrix, expected, 2, 1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2_f8.npy", "v3_f8.npy"})
  void readsNumpyVersions2And3(String name) throws IOException {
    try (NpyMatrix matrix = NpyMatrix.open(fixture(name))) {
      assertEquals(2, matrix.rows());
      assertEquals(3, matrix.cols());
      assertEquals("<f8", matrix.dtype());
      assertFalse(matrix.fortranOrder());
      double[] expected = new double[6];
      for (int k = 0; k < 6; k++) {
        expected[k] = -(k / 4.0); // -0.0 first, as numpy wrote it
      }
      assertReads(matrix, expected, 0, 2);
    }
  }

  @ParameterizedTest
  @CsvSource({"c_f8.npy, <f8, false, 8", "fortran_f4.npy, <f4, true, 10"})
  void writeIsByteIdenticalToNumpySave(String name, String dtype, boolean fortranOrder, int divisor)
      throws IOException {
    double[] values = new double[12];
    for (int k = 0; k < 12; k++) {
      values[k] = k / (double) divisor;
    }
    Path file = dir.resolve(name);
    NpyMatrix.write(file, values, 3, 4, dtype, fortranOrder);
    assertArrayEquals(Files.readAllBytes(fixture(name)), Files.readAllBytes(file));
  }

  // ---- header syntax variations ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"shape\": (2, 3,), \"fortran_order\": False, \"descr\": \"<f8\"}",
        "{ 'descr' :'<f8' ,\n\t'fortran_order':False,'shape':( 2 ,3 ) , }   ",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}"
      })
  void parsesHeaderVariations(String dict) throws IOException {
    try (NpyMatrix matrix = NpyMatrix.open(npy("m.npy", 1, dict, float64s(SIX)))) {
      assertEquals(2, matrix.rows());
      assertEquals(3, matrix.cols());
      assertReads(matrix, SIX, 0, 2);
    }
  }

  @Test
  void validHandMadeFileOpens() throws IOException {
    try (NpyMatrix matrix = NpyMatrix.open(npy("m.npy", 1, VALID_DICT, float64s(SIX)))) {
      assertReads(matrix, SIX, 0, 2);
    }
  }

  // ---- corrupt and unsupported files ----

  @Test
  void badMagicFails() throws IOException {
    Path file = Files.write(dir.resolve("zip.npy"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8});
    assertRejected(file, "found magic 0x50 4B 03 04 14 00", "\\x93NUMPY magic");
  }

  @Test
  void emptyFileFails() throws IOException {
    Path file = Files.write(dir.resolve("empty.npy"), new byte[0]);
    assertRejected(file, "found an empty file", "\\x93NUMPY magic");
  }

  @Test
  void unsupportedVersionFails() throws IOException {
    Path file = npy("v4.npy", 4, VALID_DICT, float64s(SIX));
    assertRejected(file, "found format version 4.0", "1.0, 2.0 or 3.0");
  }

  @Test
  void truncatedHeaderFails() throws IOException {
    byte[] numpyFile = Files.readAllBytes(fixture("c_f8.npy"));
    Path file = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(numpyFile, 50));
    assertRejected(file, "a header cut short at 50 bytes", "a header ending at byte 128");
  }

  @Test
  void headerWithoutShapeFails() throws IOException {
    Path file = npy("m.npy", 1, "{'descr': '<f8', 'fortran_order': False, }", float64s(SIX));
    assertRejected(file, "a header dict without 'shape'", "'descr', 'fortran_order' and 'shape'");
  }

  @Test
  void headerWithExtraKeyFails() throws IOException {
    Path file = npy("m.npy", 1, VALID_DICT.replace("}", "'units': 'm', }"), float64s(SIX));
    assertRejected(file, "unexpected key 'units'");
  }

  @Test
  void malformedHeaderSyntaxFails() throws IOException {
    Path file =
        npy("m.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3}", float64s(SIX));
    assertRejected(file, "a malformed header dict (')' missing at character 55)", "dict literal");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "'>f8'|dtype '>f8'",
        "'<i4'|dtype '<i4'",
        "'=f8'|dtype '=f8'",
        "'O'|dtype 'O'",
        "[('x', '<f8'), ('y', '<f8')]|dtype [('x', '<f8'), ('y', '<f8')]"
      })
  void unsupportedDtypeFails(String descr, String found) throws IOException {
    Path file = npy("m.npy", 1, VALID_DICT.replace("'<f8'", descr), float64s(SIX));
    assertRejected(
        file, "found " + found + ";", "'<f4' or '<f8' (little-endian float32 or float64)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"(3,)", "(2, 3, 4)", "()", "[2, 3]", "(2, 'x')"})
  void non2dShapeFails(String shape) throws IOException {
    Path file = npy("m.npy", 1, VALID_DICT.replace("(2, 3)", shape), float64s(SIX));
    assertRejected(file, "found shape " + shape + ";", "a 2-D shape (rows, cols)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"(0, 3)", "(2, -3)", "(2147483648, 1)"})
  void shapeDimOutOfRangeFails(String shape) throws IOException {
    Path file = npy("m.npy", 1, VALID_DICT.replace("(2, 3)", shape), float64s(SIX));
    assertRejected(file, "found shape " + shape + ";", "both dims in 1..2147483647");
  }

  @Test
  void nonBooleanFortranOrderFails() throws IOException {
    Path file = npy("m.npy", 1, VALID_DICT.replace("False", "0"), float64s(SIX));
    assertRejected(file, "found fortran_order 0;", "True or False");
  }

  @Test
  void dataShortByOneByteFails() throws IOException {
    byte[] numpyFile = Files.readAllBytes(fixture("c_f8.npy"));
    Path file =
        Files.write(dir.resolve("short.npy"), Arrays.copyOf(numpyFile, numpyFile.length - 1));
    assertRejected(file, "found 95 bytes of data", "96 bytes for a 3 × 4 <f8 matrix");
  }

  @Test
  void trailingByteFails() throws IOException {
    byte[] numpyFile = Files.readAllBytes(fixture("c_f8.npy"));
    Path file =
        Files.write(dir.resolve("long.npy"), Arrays.copyOf(numpyFile, numpyFile.length + 1));
    assertRejected(file, "found 97 bytes of data", "96 bytes for a 3 × 4 <f8 matrix");
  }

  @Test
  void missingFileFails() {
    assertRejected(dir.resolve("absent.npy"), "found no such file");
  }

  private static void assertRejected(Path file, String... parts) {
    DataFileException e = assertThrows(DataFileException.class, () -> NpyMatrix.open(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file + ": found "), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  // ---- misuse ----

  @Test
  void readRowsRejectsOutOfRangeArguments() throws IOException {
    try (NpyMatrix matrix = NpyMatrix.open(npy("m.npy", 1, VALID_DICT, float64s(SIX)))) {
      assertIllegal(() -> matrix.readRows(-1, 1, new double[3], 0), "firstRow (-1)");
      assertIllegal(() -> matrix.readRows(1, 2, new double[6], 0), "rowCount (2)", "[0, 2)");
      assertIllegal(() -> matrix.readRows(0, -1, new double[6], 0), "rowCount (-1)");
      assertIllegal(
          () -> matrix.readRows(0, 2, new double[7], 2), "length 7", "6 values", "dstOffset 2");
      assertIllegal(() -> matrix.readRows(0, 1, new double[3], -1), "dstOffset -1");
    }
  }

  private static void assertIllegal(Runnable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void readRowsAfterCloseFails() throws IOException {
    NpyMatrix matrix = NpyMatrix.open(npy("m.npy", 1, VALID_DICT, float64s(SIX)));
    matrix.close();
    assertThrows(IllegalStateException.class, () -> matrix.readRows(0, 1, new double[3], 0));
  }

  @Test
  void writeRejectsBadArguments() {
    Path file = dir.resolve("m.npy");
    assertThrows(
        IllegalArgumentException.class, () -> NpyMatrix.write(file, SIX, 2, 3, ">f8", false));
    assertThrows(
        IllegalArgumentException.class, () -> NpyMatrix.write(file, SIX, 3, 3, "<f8", false));
    assertThrows(
        IllegalArgumentException.class, () -> NpyMatrix.write(file, SIX, 0, 3, "<f8", false));
  }

  // ---- helpers ----

  /**
   * The bytes numpy 2.4.6 wrote for {@code name}, rebuilt here so that the tests need neither numpy
   * nor binary files in the repository: magic, version, header length, numpy's dict padded with
   * spaces (exactly as numpy padded it, so that the data starts at a multiple of 64 bytes) and a
   * newline, then the values little-endian. Each was checked byte for byte against {@code
   * np.save}/{@code np.lib.format.write_array} of the array named in its comment.
   */
  private Path fixture(String name) throws IOException {
    String dictF8 = "{'descr': '<f8', 'fortran_order': False, 'shape': (%s), }";
    return switch (name) {
        // np.arange(12.).reshape(3, 4) / 8
      case "c_f8.npy" ->
          npy(
              "numpy_" + name,
              1,
              String.format(dictF8, "3, 4") + " ".repeat(58),
              float64s(ramp(12, 8)));
        // np.asfortranarray((np.arange(12.).reshape(3, 4) / 10).astype(np.float32)): column-major
      case "fortran_f4.npy" -> {
        ByteBuffer data = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < 4; c++) {
          for (int r = 0; r < 3; r++) {
            data.putFloat((float) ((4 * r + c) / 10.0));
          }
        }
        String dict = "{'descr': '<f4', 'fortran_order': True, 'shape': (3, 4), }";
        yield npy("numpy_" + name, 1, dict + " ".repeat(59), data.array());
      }
        // -np.arange(6.).reshape(2, 3) / 4 written with version=(2, 0) and (3, 0)
      case "v2_f8.npy", "v3_f8.npy" -> {
        double[] values = ramp(6, 4);
        for (int k = 0; k < values.length; k++) {
          values[k] = -values[k]; // -0.0 first, as numpy wrote it
        }
        int major = name.charAt(1) - '0';
        yield npy(
            "numpy_" + name,
            major,
            String.format(dictF8, "2, 3") + " ".repeat(56),
            float64s(values));
      }
      default -> throw new IllegalArgumentException("no numpy fixture " + name);
    };
  }

  /** k / divisor for k = 0 … count − 1. */
  private static double[] ramp(int count, int divisor) {
    double[] values = new double[count];
    for (int k = 0; k < count; k++) {
      values[k] = k / (double) divisor;
    }
    return values;
  }

  /**
   * Writes a file by hand: magic, {@code major}.0, header length (2 bytes for version 1, else 4),
   * {@code dict} plus a newline (no alignment padding unless {@code dict} ends in it: readers must
   * not need it), then {@code data}.
   */
  private Path npy(String name, int major, String dict, byte[] data) throws IOException {
    byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer bytes =
        ByteBuffer.allocate(12 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      bytes.putShort((short) header.length);
    } else {
      bytes.putInt(header.length);
    }
    bytes.put(header).put(data);
    return Files.write(dir.resolve(name), Arrays.copyOf(bytes.array(), bytes.position()));
  }

  private static byte[] float64s(double[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double value : values) {
      bytes.putDouble(value);
    }
    return bytes.array();
  }
}
