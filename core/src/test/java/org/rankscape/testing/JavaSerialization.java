package org.rankscape.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/** Ships an object through Java serialization, as Spark does between tasks and the driver. */
public final class JavaSerialization {
  private JavaSerialization() {}

  /** A copy of {@code object} written to bytes and read back. */
  @SuppressWarnings("unchecked") // what is read back is what was written
  public static <T extends Serializable> T roundTrip(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
