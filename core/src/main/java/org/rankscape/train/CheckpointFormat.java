package org.rankscape.train;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The bytes of a {@link CheckpointFile}, format version 2, big-endian:
 *
 * <pre>
 * magic "RSCK" (4 bytes), version (int)
 * owner: length (int), UTF-8 bytes — the id of the trial that wrote it
 * epochs done (int), then per epoch its record (RECORD_BYTES): epoch (int), loss (double),
 *     train errors (int), learning rate, train seconds, eval seconds (doubles)
 * network state: length (int), bytes
 * SHA-256 of all the bytes above (32 bytes)
 * </pre>
 *
 * <p>Reading trusts nothing in the file: every length is checked against the bytes that remain
 * before anything is allocated (a damaged length costs no more memory than the file), the file must
 * end exactly with the digest, the digest must match, and the owner must be the reader's. SHA-256
 * rather than a CRC because its cost (well under a second for the largest network state) is nothing
 * beside the epochs between checkpoints, and no corruption slips through it by chance.
 */
final class CheckpointFormat {
  static final int MAGIC = 0x5253434B; // "RSCK"
  static final int VERSION = 2;

  /** Magic and version. */
  static final int HEADER_BYTES = 8;

  /** Epoch, loss, train errors, learning rate, train and eval seconds. */
  static final int RECORD_BYTES = 4 + 8 + 4 + 8 + 8 + 8;

  static final String DIGEST = "SHA-256";
  static final int DIGEST_BYTES = 32;

  private CheckpointFormat() {}

  /** Why a file's bytes are not a usable checkpoint for its reader. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String reason) {
      super(reason);
    }
  }

  /** Writes {@code checkpoint} of the trial {@code owner}; the caller closes {@code out}. */
  static void write(OutputStream out, String owner, Checkpoint checkpoint) throws IOException {
    MessageDigest digest = sha256();
    DataOutputStream data = new DataOutputStream(new DigestOutputStream(out, digest));
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    byte[] ownerBytes = owner.getBytes(StandardCharsets.UTF_8);
    data.writeInt(ownerBytes.length);
    data.write(ownerBytes);
    data.writeInt(checkpoint.epochsDone());
    for (EpochRecord r : checkpoint.records()) {
      data.writeInt(r.epoch());
      data.writeDouble(r.loss());
      data.writeInt(r.trainErrors());
      data.writeDouble(r.learningRate());
      data.writeDouble(r.trainSeconds());
      data.writeDouble(r.evalSeconds());
    }
    data.writeInt(checkpoint.networkState().length);
    data.write(checkpoint.networkState());
    data.flush();
    out.write(digest.digest());
  }

  /**
   * The checkpoint in {@code file}, checked as the class comment says.
   *
   * @throws Unusable saying what is wrong: empty, truncated (and inside what), not a Rankscape
   *     checkpoint, another format version, a length that does not fit, bytes after the end, a
   *     digest that does not match, another trial's
   */
  static Checkpoint read(byte[] file, String owner) throws Unusable {
    if (file.length == 0) {
      throw new Unusable("the file is empty");
    }
    ByteBuffer in = ByteBuffer.wrap(file);
    need(in, HEADER_BYTES, "the header", file.length);
    int magic = in.getInt();
    if (magic != MAGIC) {
      throw new Unusable(
          String.format(
              Locale.ROOT,
              "not a Rankscape checkpoint: it starts with 0x%08X instead of \"RSCK\"",
              magic));
    }
    int version = in.getInt();
    if (version != VERSION) {
      throw new Unusable(
          "format version " + version + ", but this Rankscape reads version " + VERSION);
    }
    if (file.length < HEADER_BYTES + DIGEST_BYTES) {
      throw truncated(file.length, "the header and its " + DIGEST + " digest");
    }
    // Everything but the digest; its reads cannot run into the digest.
    in.limit(file.length - DIGEST_BYTES);
    String writer = new String(bytes(in, "owner id", file.length), StandardCharsets.UTF_8);
    int epochs = count(in, RECORD_BYTES, "epoch records", file.length);
    List<EpochRecord> records = new ArrayList<>(epochs);
    for (int e = 0; e < epochs; e++) {
      records.add(
          new EpochRecord(
              in.getInt(),
              in.getDouble(),
              in.getInt(),
              in.getDouble(),
              in.getDouble(),
              in.getDouble()));
    }
    byte[] state = bytes(in, "network state bytes", file.length);
    if (in.hasRemaining()) {
      throw new Unusable(
          "damaged: " + in.remaining() + " bytes more than its contents (trailing data)");
    }
    MessageDigest digest = sha256();
    digest.update(file, 0, file.length - DIGEST_BYTES);
    byte[] expected = digest.digest();
    if (!Arrays.equals(expected, 0, DIGEST_BYTES, file, file.length - DIGEST_BYTES, file.length)) {
      throw new Unusable("damaged: its contents do not match their " + DIGEST + " digest");
    }
    if (!writer.equals(owner)) {
      throw new Unusable(
          "another trial's checkpoint: written by trial " + writer + ", this is trial " + owner);
    }
    for (int e = 0; e < epochs; e++) {
      if (records.get(e).epoch() != e + 1) {
        throw new Unusable(
            "its record " + (e + 1) + " is of epoch " + records.get(e).epoch() + ": not in order");
      }
    }
    return new Checkpoint(records, state);
  }

  /** A length-prefixed byte string, its length checked against what remains. */
  private static byte[] bytes(ByteBuffer in, String what, int fileLength) throws Unusable {
    byte[] bytes = new byte[count(in, 1, what, fileLength)];
    in.get(bytes);
    return bytes;
  }

  /** A count of items of {@code itemBytes} bytes each that must fit in what remains. */
  private static int count(ByteBuffer in, int itemBytes, String what, int fileLength)
      throws Unusable {
    need(in, Integer.BYTES, "the count of " + what, fileLength);
    int count = in.getInt();
    if (count < 0 || (long) count * itemBytes > in.remaining()) {
      throw new Unusable(
          String.format(
              Locale.ROOT,
              "damaged or truncated: it claims %d %s%s, but only %d bytes of its %d are left"
                  + " before the digest",
              count,
              what,
              itemBytes == 1 ? "" : " (" + itemBytes + " bytes each)",
              in.remaining(),
              fileLength));
    }
    return count;
  }

  private static void need(ByteBuffer in, int bytes, String what, int fileLength) throws Unusable {
    if (in.remaining() < bytes) {
      throw truncated(fileLength, what);
    }
  }

  private static Unusable truncated(int fileLength, String what) {
    return new Unusable("truncated: its " + fileLength + " bytes end inside " + what);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance(DIGEST);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(DIGEST + " is required of every Java platform", e);
    }
  }
}
