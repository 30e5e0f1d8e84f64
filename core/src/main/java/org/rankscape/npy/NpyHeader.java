package org.rankscape.npy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rankscape.data.DataFileException;

/**
 * The header dict of a {@code .npy} file, restricted to what {@link NpyMatrix} supports: a 2-D
 * little-endian float32 or float64 array in C or Fortran order.
 *
 * <p>The dict is a Python literal such as {@code {'descr': '<f8', 'fortran_order': False, 'shape':
 * (3, 4), }}. {@link #parse} reads the subset of Python literal syntax that any numpy version
 * writes (strings in either quote, integers with an optional Python 2 {@code L} suffix, {@code
 * True}/{@code False}/{@code None}, tuples and lists), so that an unsupported array (say a
 * structured dtype) is reported by what it is rather than as a syntax error.
 */
record NpyHeader(String dtype, boolean fortranOrder, int rows, int cols) {
  static final String FLOAT32 = "<f4";
  static final String FLOAT64 = "<f8";

  // A list, so a header missing several keys always names the same one first.
  private static final List<String> KEYS = List.of("descr", "fortran_order", "shape");
  private static final String EXPECTED_KEYS =
      "a header dict with exactly the keys 'descr', 'fortran_order' and 'shape'";
  private static final String EXPECTED_DICT =
      "a Python dict literal such as {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";
  static final String EXPECTED_DTYPE = "'<f4' or '<f8' (little-endian float32 or float64)";
  private static final String EXPECTED_SHAPE = "a 2-D shape (rows, cols)";
  // numpy 2.x pads the dict so the header can be rewritten in place when the array grows.
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  // Long enough to show any header numpy writes for a 2-D array; bounds messages for odd files.
  private static final int MAX_SHOWN_CHARS = 200;

  /** Bytes per element: 4 for {@code <f4}, 8 for {@code <f8}. */
  int itemSize() {
    return dtype.equals(FLOAT32) ? 4 : 8;
  }

  /**
   * The dict exactly as numpy 2.x's {@code np.save} writes it, before the alignment padding, so
   * that files written by {@link NpyMatrix#write} are byte-identical to numpy's.
   */
  String toDict() {
    String dict =
        "{'descr': '"
            + dtype
            + "', 'fortran_order': "
            + (fortranOrder ? "True" : "False")
            + ", 'shape': ("
            + rows
            + ", "
            + cols
            + "), }";
    int growthAxis = fortranOrder ? cols : rows;
    return dict + " ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(growthAxis).length());
  }

  /**
   * Parses and checks a header dict.
   *
   * @param file the file it came from, for error messages
   * @param text the dict text, with any trailing padding
   * @throws DataFileException if the text is not a dict literal, lacks or adds a key, or describes
   *     anything but a 2-D {@code <f4} or {@code <f8} array with both dims in 1..{@value
   *     Integer#MAX_VALUE}
   */
  static NpyHeader parse(Path file, String text) {
    Map<String, Value> dict = new LiteralParser(file, text).dict();
    for (String key : KEYS) {
      if (!dict.containsKey(key)) {
        throw new DataFileException(
            file, "a header dict without '" + key + "': " + shown(text), EXPECTED_KEYS);
      }
    }
    for (String key : dict.keySet()) {
      if (!KEYS.contains(key)) {
        throw new DataFileException(
            file, "unexpected key '" + key + "' in the header dict: " + shown(text), EXPECTED_KEYS);
      }
    }
    Value descr = dict.get("descr");
    if (!FLOAT32.equals(descr.content()) && !FLOAT64.equals(descr.content())) {
      throw new DataFileException(file, "dtype " + descr.source(), EXPECTED_DTYPE);
    }
    Value fortranOrder = dict.get("fortran_order");
    if (fortranOrder.kind() != Kind.BOOLEAN) {
      throw new DataFileException(file, "fortran_order " + fortranOrder.source(), "True or False");
    }
    Value shape = dict.get("shape");
    List<Value> dims = shape.kind() == Kind.TUPLE ? shape.items() : List.of();
    if (dims.size() != 2 || !dims.stream().allMatch(dim -> dim.kind() == Kind.INTEGER)) {
      throw new DataFileException(file, "shape " + shape.source(), EXPECTED_SHAPE);
    }
    int rows = dim(file, shape, dims.get(0));
    int cols = dim(file, shape, dims.get(1));
    return new NpyHeader((String) descr.content(), (Boolean) fortranOrder.content(), rows, cols);
  }

  private static int dim(Path file, Value shape, Value dim) {
    BigInteger value = (BigInteger) dim.content();
    if (value.signum() <= 0 || value.bitLength() > 31) {
      throw new DataFileException(
          file,
          "shape " + shape.source(),
          EXPECTED_SHAPE + " with both dims in 1.." + Integer.MAX_VALUE);
    }
    return value.intValue();
  }

  private static String shown(String text) {
    String trimmed = text.strip();
    return trimmed.length() <= MAX_SHOWN_CHARS
        ? trimmed
        : trimmed.substring(0, MAX_SHOWN_CHARS) + "...";
  }

  private enum Kind {
    STRING,
    INTEGER,
    BOOLEAN,
    NONE,
    TUPLE,
    LIST
  }

  /**
   * A parsed literal: its content (String, BigInteger, Boolean, null or a List of Values) and its
   * source text, which error messages quote so the user sees what the file says.
   */
  private record Value(Kind kind, Object content, String source) {
    @SuppressWarnings("unchecked") // a TUPLE's or LIST's content is always a List<Value>
    List<Value> items() {
      return (List<Value>) content;
    }
  }

  /** Recursive-descent parser for the Python literal subset described in the class doc. */
  private static final class LiteralParser {
    private final Path file;
    private final String text;
    private int pos;

    LiteralParser(Path file, String text) {
      this.file = file;
      this.text = text;
    }

    Map<String, Value> dict() {
      skipSpace();
      expect('{');
      Map<String, Value> dict = new LinkedHashMap<>();
      while (!tryConsume('}')) {
        int keyStart = pos;
        Value key = value();
        if (key.kind() != Kind.STRING) {
          throw malformed("a key that is not a string", keyStart);
        }
        expect(':');
        if (dict.put((String) key.content(), value()) != null) {
          throw malformed("key " + key.source() + " twice", keyStart);
        }
        if (!tryConsume(',')) {
          expect('}');
          break;
        }
      }
      if (pos != text.length()) {
        throw malformed("text after the closing '}'", pos);
      }
      return dict;
    }

    /** Parses one value and the whitespace after it. */
    private Value value() {
      int start = pos;
      if (pos == text.length()) {
        throw malformed("a value missing", start);
      }
      char c = text.charAt(pos);
      Value value;
      if (c == '\'' || c == '"') {
        value = string(c);
      } else if (c == '(' || c == '[') {
        value = sequence(c);
      } else if (c == '-' || c == '+' || isAsciiDigit(c)) {
        value = integer();
      } else if (Character.isLetter(c)) {
        value = word();
      } else {
        throw malformed("unexpected '" + c + "'", start);
      }
      skipSpace();
      return value;
    }

    private Value string(char quote) {
      int start = pos++;
      StringBuilder content = new StringBuilder();
      while (pos < text.length() && text.charAt(pos) != quote) {
        // A backslash escapes the next character; numpy never writes other escapes in a dtype
        // we accept, so the content of any other escape only matters for the error message.
        if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
          pos++;
        }
        content.append(text.charAt(pos++));
      }
      if (pos == text.length()) {
        throw malformed("an unterminated string", start);
      }
      pos++;
      return new Value(Kind.STRING, content.toString(), text.substring(start, pos));
    }

    /** A tuple or a list; {@code (x)} without a comma is just x in parentheses, as in Python. */
    private Value sequence(char open) {
      int start = pos++;
      char close = open == '(' ? ')' : ']';
      skipSpace();
      List<Value> items = new ArrayList<>();
      boolean sawComma = false;
      while (!tryConsume(close)) {
        items.add(value());
        if (tryConsume(',')) {
          sawComma = true;
        } else {
          expect(close);
          break;
        }
      }
      String source = text.substring(start, pos).strip();
      if (open == '(' && items.size() == 1 && !sawComma) {
        Value inner = items.get(0);
        return new Value(inner.kind(), inner.content(), source);
      }
      return new Value(open == '(' ? Kind.TUPLE : Kind.LIST, items, source);
    }

    private Value integer() {
      int start = pos;
      if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
        pos++;
      }
      int digitsStart = pos;
      while (pos < text.length() && isAsciiDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos == digitsStart) {
        throw malformed("a sign without digits", start);
      }
      BigInteger value = new BigInteger(text.substring(start, pos));
      // Python 2 numpy wrote shapes such as (3L, 4L).
      if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
        pos++;
      }
      return new Value(Kind.INTEGER, value, text.substring(start, pos));
    }

    private Value word() {
      int start = pos;
      while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos);
      switch (word) {
        case "True":
          return new Value(Kind.BOOLEAN, true, word);
        case "False":
          return new Value(Kind.BOOLEAN, false, word);
        case "None":
          return new Value(Kind.NONE, null, word);
        default:
          throw malformed("unexpected '" + word + "'", start);
      }
    }

    private static boolean isAsciiDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private void expect(char c) {
      if (!tryConsume(c)) {
        throw malformed("'" + c + "' missing", pos);
      }
    }

    /** Consumes {@code c} and the whitespace after it, if {@code c} is next. */
    private boolean tryConsume(char c) {
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        skipSpace();
        return true;
      }
      return false;
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private DataFileException malformed(String what, int at) {
      return new DataFileException(
          file,
          "a malformed header dict (" + what + " at character " + at + "): " + shown(text),
          EXPECTED_DICT);
    }
  }
}
