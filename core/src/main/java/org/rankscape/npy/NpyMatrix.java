package org.rankscape.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.rankscape.data.DataFileException;

/**
 * A 2-D matrix in a NumPy {@code .npy} file, read a block of rows at a time.
 *
 * <p>Supported subset of the format: magic {@code \x93NUMPY}; format versions 1.0 (2-byte header
 * length), 2.0 and 3.0 (4-byte header length; 3.0 has a UTF-8 header); a header dict with exactly
 * the keys {@code descr}, {@code fortran_order} and {@code shape}, where {@code descr} is {@code
 * '<f4'} or {@code '<f8'} (little-endian float32 or float64; other byte orders, integer, object and
 * structured dtypes are rejected), {@code fortran_order} is {@code True} or {@code False} and
 * {@code shape} is a 2-D tuple with both dims in 1..{@value Integer#MAX_VALUE}. The file must hold
 * exactly rows·cols elements after the header: truncated and over-long files are rejected on {@link
 * #open}. Anything else fails with a {@link DataFileException} naming the file, what was found and
 * what was expected.
 *
 * <p>Cost: {@link #readRows} is I/O bound. It reads with positional {@link FileChannel} reads
 * through one reused 1 MiB buffer, so memory is that buffer whatever the file size; the file is
 * never loaded whole. A C-order block is one contiguous run of the file; a Fortran-order block is
 * one run per column (runs of neighbouring columns are read together when the rows between them are
 * no more than those wanted), so reading few rows of a tall Fortran-order matrix costs one read
 * call per column.
 *
 * <p>Limits: rows and cols are each at most {@value Integer#MAX_VALUE}, and a block must fit in one
 * Java array. An instance is not thread-safe (the buffer is shared); open one per thread.
 */
public final class NpyMatrix implements AutoCloseable {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final String EXPECTED_MAGIC = "\\x93NUMPY magic of a NumPy .npy file";
  // Magic and the two version bytes; the header length field follows.
  private static final int VERSION_END = MAGIC.length + 2;
  // numpy pads the header so that the data starts at a multiple of this.
  private static final int ALIGNMENT = 64;
  // numpy writes headers of about 128 bytes for a 2-D array; a longer length field is corrupt,
  // and this bound keeps such a file from making us allocate up to 4 GiB.
  private static final int MAX_HEADER_BYTES = 1 << 16;
  // Large enough that per-call overhead is negligible, small enough to be a fixed cost.
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final NpyHeader header;
  private final long dataStart;
  private final int itemSize;
  private ByteBuffer buffer; // allocated on the first read, then reused

  private NpyMatrix(Path file, FileChannel channel, NpyHeader header, long dataStart) {
    this.file = file;
    this.channel = channel;
    this.header = header;
    this.dataStart = dataStart;
    this.itemSize = header.itemSize();
  }

  /**
   * Opens a {@code .npy} file and checks its header and length; the data is read later by {@link
   * #readRows}.
   *
   * @throws DataFileException if the file is missing or unreadable, is not a {@code .npy} file,
   *     holds anything but a 2-D {@code <f4} or {@code <f8} matrix (see the class doc), or its
   *     length does not match its header
   */
  public static NpyMatrix open(Path file) {
    Objects.requireNonNull(file, "file");
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new DataFileException(file, "no such file", "a NumPy .npy file", e);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    try {
      long size = channel.size();
      int version = readVersion(file, channel, size);
      int lengthBytes = version == 1 ? 2 : 4;
      long headerStart = VERSION_END + lengthBytes;
      if (size < headerStart) {
        throw new DataFileException(
            file,
            "a header cut short at " + size + " bytes",
            headerStart + " bytes or more: magic, version and header length");
      }
      ByteBuffer lengthField = read(file, channel, VERSION_END, lengthBytes);
      long headerLength =
          version == 1
              ? Short.toUnsignedInt(lengthField.getShort())
              : Integer.toUnsignedLong(lengthField.getInt());
      long dataStart = headerStart + headerLength;
      if (size < dataStart) {
        throw new DataFileException(
            file,
            "a header cut short at " + size + " bytes",
            "a header ending at byte " + dataStart + ", as its length field says");
      }
      if (headerLength > MAX_HEADER_BYTES) {
        throw new DataFileException(
            file, "header length " + headerLength, "at most " + MAX_HEADER_BYTES + " bytes");
      }
      ByteBuffer dictBytes = read(file, channel, headerStart, (int) headerLength);
      // numpy writes versions 1.0 and 2.0 in latin-1; version 3.0 exists to allow UTF-8.
      Charset charset = version == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
      NpyHeader header = NpyHeader.parse(file, charset.decode(dictBytes).toString());
      requireDataLength(file, header, size - dataStart);
      return new NpyMatrix(file, channel, header, dataStart);
    } catch (IOException e) {
      closeAfterFailure(channel, e);
      throw unreadable(file, e);
    } catch (RuntimeException e) {
      closeAfterFailure(channel, e);
      throw e;
    }
  }

  /** Checks the magic and returns the major version (1, 2 or 3; the minor must be 0). */
  private static int readVersion(Path file, FileChannel channel, long size) throws IOException {
    ByteBuffer start = read(file, channel, 0, (int) Math.min(size, VERSION_END));
    byte[] magic = new byte[Math.min(start.remaining(), MAGIC.length)];
    start.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      String found = size == 0 ? "an empty file" : "magic " + hex(magic);
      if (size > 0 && size < MAGIC.length) {
        found += " (a " + size + "-byte file)";
      }
      throw new DataFileException(file, found, EXPECTED_MAGIC);
    }
    if (size < VERSION_END) {
      throw new DataFileException(
          file,
          "a header cut short at " + size + " bytes",
          VERSION_END + " bytes or more: magic and format version");
    }
    int major = Byte.toUnsignedInt(start.get());
    int minor = Byte.toUnsignedInt(start.get());
    if (major < 1 || major > 3 || minor != 0) {
      throw new DataFileException(
          file, "format version " + major + "." + minor, "format version 1.0, 2.0 or 3.0");
    }
    return major;
  }

  private static void requireDataLength(Path file, NpyHeader header, long found) {
    BigInteger expected =
        BigInteger.valueOf(header.rows())
            .multiply(BigInteger.valueOf(header.cols()))
            .multiply(BigInteger.valueOf(header.itemSize()));
    if (!expected.equals(BigInteger.valueOf(found))) {
      throw new DataFileException(
          file,
          found + " bytes of data",
          expected
              + " bytes for a "
              + header.rows()
              + " × "
              + header.cols()
              + " "
              + header.dtype()
              + " matrix");
    }
  }

  /** Reads {@code length} bytes at {@code position} into a new little-endian buffer. */
  private static ByteBuffer read(Path file, FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    readFully(file, channel, bytes, position);
    return bytes.flip();
  }

  /** Fills {@code bytes} from {@code position}; a file that shrank since it was checked fails. */
  private static void readFully(Path file, FileChannel channel, ByteBuffer bytes, long position)
      throws IOException {
    while (bytes.hasRemaining()) {
      long at = position + bytes.position();
      if (channel.read(bytes, at) < 0) {
        throw new DataFileException(
            file,
            "end of file at byte " + at,
            "at least " + (position + bytes.limit()) + " bytes (the file shrank while open)");
      }
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder("0x");
    for (int i = 0; i < bytes.length; i++) {
      text.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i]));
    }
    return text.toString();
  }

  private static DataFileException unreadable(Path file, IOException e) {
    return new DataFileException(
        file, "an unreadable file (" + e + ")", "a readable NumPy .npy file", e);
  }

  private static void closeAfterFailure(FileChannel channel, Exception failure) {
    try {
      channel.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * The transpose of this matrix, read from the same file without copying: the bytes of a C-order
   * matrix are the Fortran-order bytes of its transpose, and vice versa. This is how a wide matrix
   * is read a block of columns at a time. Both share the file handle; close either, not both.
   */
  public NpyMatrix transposed() {
    NpyHeader t =
        new NpyHeader(header.dtype(), !header.fortranOrder(), header.cols(), header.rows());
    return new NpyMatrix(file, channel, t, dataStart);
  }

  /** The file this matrix is read from. */
  public Path file() {
    return file;
  }

  /** Number of rows: the first dim of the shape. */
  public int rows() {
    return header.rows();
  }

  /** Number of columns: the second dim of the shape. */
  public int cols() {
    return header.cols();
  }

  /** The element type as the header spells it: {@code "<f4"} or {@code "<f8"}. */
  public String dtype() {
    return header.dtype();
  }

  /** Whether the file stores the matrix column by column (Fortran order) rather than row by row. */
  public boolean fortranOrder() {
    return header.fortranOrder();
  }

  /**
   * Reads rows {@code [firstRow, firstRow + rowCount)} into {@code dst} from {@code dstOffset} in
   * row-major order, whatever the file's order: element (r, c) of the block goes to {@code
   * dst[dstOffset + r * cols() + c]}. Float32 values are widened to double exactly.
   *
   * @throws IllegalArgumentException if the rows are not within the matrix or {@code dst} cannot
   *     hold {@code rowCount * cols()} values from {@code dstOffset}
   * @throws IllegalStateException if this matrix is closed
   * @throws DataFileException if the file cannot be read or shrank since it was opened
   */
  public void readRows(int firstRow, int rowCount, double[] dst, int dstOffset) {
    Objects.requireNonNull(dst, "dst");
    if (firstRow < 0 || rowCount < 0 || (long) firstRow + rowCount > rows()) {
      throw new IllegalArgumentException(
          "firstRow ("
              + firstRow
              + ") and rowCount ("
              + rowCount
              + ") must select rows within [0, "
              + rows()
              + ") of "
              + file);
    }
    long values = (long) rowCount * cols();
    if (dstOffset < 0 || dstOffset + values > dst.length) {
      throw new IllegalArgumentException(
          "dst (length "
              + dst.length
              + ") cannot hold "
              + values
              + " values ("
              + rowCount
              + " rows × "
              + cols()
              + " cols) from dstOffset "
              + dstOffset);
    }
    if (!channel.isOpen()) {
      throw new IllegalStateException(file + " is closed");
    }
    try {
      if (fortranOrder()) {
        readColumnRuns(firstRow, rowCount, dst, dstOffset);
      } else {
        readContiguous((long) firstRow * cols(), values, dst, dstOffset);
      }
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** C order: the block is the single run of {@code count} items from item {@code first}. */
  private void readContiguous(long first, long count, double[] dst, int dstOffset)
      throws IOException {
    int maxItems = buffer().capacity() / itemSize;
    for (long done = 0; done < count; ) {
      int items = (int) Math.min(count - done, maxItems);
      decode(fill(first + done, items), 0, items, dst, dstOffset + (int) done, 1);
      done += items;
    }
  }

  /**
   * Fortran order: column c of the block is the run of {@code rowCount} items from item {@code c *
   * rows() + firstRow}; each run is scattered into dst with stride {@code cols()}.
   */
  private void readColumnRuns(int firstRow, int rowCount, double[] dst, int dstOffset)
      throws IOException {
    int rows = rows();
    int cols = cols();
    int maxItems = buffer().capacity() / itemSize;
    int columnsPerRead = columnsPerRead(rowCount, maxItems);
    for (int c = 0; c < cols; ) {
      int columns = Math.min(columnsPerRead, cols - c);
      long first = (long) c * rows + firstRow;
      if (columns > 1) {
        // One read spans these columns' runs and the unwanted rows between them.
        ByteBuffer bytes = fill(first, (columns - 1) * rows + rowCount);
        for (int j = 0; j < columns; j++) {
          decode(bytes, j * rows, rowCount, dst, dstOffset + c + j, cols);
        }
      } else {
        // A run longer than the buffer is read in pieces.
        for (int r = 0; r < rowCount; ) {
          int items = Math.min(rowCount - r, maxItems);
          decode(fill(first + r, items), 0, items, dst, dstOffset + r * cols + c, cols);
          r += items;
        }
      }
      c += columns;
    }
  }

  /**
   * How many columns' runs to read per call: several when the rows skipped between runs are no more
   * than those wanted (so at most half of what is read is wasted) and at least two runs fit in the
   * buffer; otherwise one, skipping the gap.
   */
  private int columnsPerRead(int rowCount, int maxItems) {
    int rows = rows();
    if (rows - rowCount > rowCount || rowCount > maxItems) {
      return 1;
    }
    long fitting = (maxItems - rowCount) / rows + 1L;
    return (int) Math.min(fitting, cols());
  }

  /** Reads {@code items} items from item {@code first} into the buffer, ready to decode. */
  private ByteBuffer fill(long first, int items) throws IOException {
    ByteBuffer bytes = buffer();
    bytes.clear().limit(items * itemSize);
    readFully(file, channel, bytes, dataStart + first * itemSize);
    return bytes.flip();
  }

  /**
   * Decodes {@code count} items from item {@code from} of {@code bytes} into {@code dst[at]},
   * {@code dst[at + stride]}, ...
   */
  private void decode(ByteBuffer bytes, int from, int count, double[] dst, int at, int stride) {
    if (itemSize == Double.BYTES) {
      DoubleBuffer values = bytes.asDoubleBuffer();
      if (stride == 1) {
        values.get(from, dst, at, count); // bulk copy
      } else {
        for (int i = 0; i < count; i++) {
          dst[at + i * stride] = values.get(from + i);
        }
      }
    } else {
      FloatBuffer values = bytes.asFloatBuffer();
      for (int i = 0; i < count; i++) {
        dst[at + i * stride] = values.get(from + i);
      }
    }
  }

  private ByteBuffer buffer() {
    if (buffer == null) {
      long dataBytes = (long) rows() * cols() * itemSize;
      // Direct, so channel reads land in it without an intermediate copy.
      buffer =
          ByteBuffer.allocateDirect((int) Math.min(BUFFER_BYTES, dataBytes))
              .order(ByteOrder.LITTLE_ENDIAN);
    }
    return buffer;
  }

  /** Closes the file; later {@link #readRows} calls fail. Closing twice is harmless. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  /**
   * Writes a matrix as a version-1.0 {@code .npy} file byte-identical to what numpy 2.x's {@code
   * np.save} writes for the same array (the header is padded so the data starts at a multiple of 64
   * bytes). For {@code "<f4"} each value is rounded to the nearest float, as numpy's {@code astype}
   * does. Meant for tests and tools: it writes through a 1 MiB buffer but is not tuned.
   *
   * @param rowMajor the rows·cols values, row by row
   * @param dtype {@code "<f4"} or {@code "<f8"}
   * @param fortranOrder whether to store the values column by column
   * @throws IllegalArgumentException for an unsupported dtype, a dim below 1 or a {@code rowMajor}
   *     of the wrong length
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(
      Path file, double[] rowMajor, int rows, int cols, String dtype, boolean fortranOrder) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(rowMajor, "rowMajor");
    if (!NpyHeader.FLOAT32.equals(dtype) && !NpyHeader.FLOAT64.equals(dtype)) {
      throw new IllegalArgumentException("dtype " + dtype + " is not " + NpyHeader.EXPECTED_DTYPE);
    }
    if (rows < 1 || cols < 1 || rowMajor.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "rows ("
              + rows
              + ") and cols ("
              + cols
              + ") must be >= 1 and multiply to rowMajor.length ("
              + rowMajor.length
              + ")");
    }
    NpyHeader header = new NpyHeader(dtype, fortranOrder, rows, cols);
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      writeFully(out, ByteBuffer.wrap(preamble(header)));
      ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      // The file's outer loop runs over rows in C order and over columns in Fortran order.
      int outerCount = fortranOrder ? cols : rows;
      int innerCount = fortranOrder ? rows : cols;
      for (int outer = 0; outer < outerCount; outer++) {
        for (int inner = 0; inner < innerCount; inner++) {
          double value = rowMajor[fortranOrder ? inner * cols + outer : outer * cols + inner];
          if (header.itemSize() == Double.BYTES) {
            bytes.putDouble(value);
          } else {
            bytes.putFloat((float) value);
          }
          if (!bytes.hasRemaining()) {
            writeFully(out, bytes.flip());
            bytes.clear();
          }
        }
      }
      writeFully(out, bytes.flip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Magic, version 1.0, header length and the header dict padded as numpy pads it. */
  private static byte[] preamble(NpyHeader header) {
    String dict = header.toDict();
    int headerStart = VERSION_END + 2;
    // numpy always adds 1..64 spaces before the final newline, even when already aligned.
    int padding = ALIGNMENT - (headerStart + dict.length() + 1) % ALIGNMENT;
    byte[] text = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer preamble =
        ByteBuffer.allocate(headerStart + text.length).order(ByteOrder.LITTLE_ENDIAN);
    preamble.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    return preamble.array();
  }

  private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }
}
