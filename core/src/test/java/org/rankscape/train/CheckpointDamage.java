package org.rankscape.train;

import java.util.Arrays;

/**
 * Ways a checkpoint file is found unusable, each with words its reason must contain: damage to its
 * bytes, another format, another trial's file copied in.
 */
enum CheckpointDamage {
  EMPTY("empty") {
    @Override
    byte[] apply(byte[] good, byte[] anotherTrials) {
      return new byte[0];
    }
  },
  TRUNCATED_TO_HALF("truncated") {
    @Override
    byte[] apply(byte[] good, byte[] anotherTrials) {
      return Arrays.copyOf(good, good.length / 2);
    }
  },
  HUNDRED_BYTES_FLIPPED_IN_THE_MIDDLE("damaged") {
    @Override
    byte[] apply(byte[] good, byte[] anotherTrials) {
      byte[] bytes = good.clone();
      for (int i = bytes.length / 2 - 50; i < bytes.length / 2 + 50; i++) {
        bytes[i] ^= (byte) 0xFF;
      }
      return bytes;
    }
  },
  ONE_BIT_FLIPPED_IN_THE_STATE("digest") {
    @Override
    byte[] apply(byte[] good, byte[] anotherTrials) {
      byte[] bytes = good.clone();
      bytes[bytes.length - CheckpointFormat.DIGEST_BYTES - 5] ^= 1; // the state ends the contents
      return bytes;
    }
  },
  TRAILING_BYTES("trailing") {
    @Override
    byte[] apply(byte[] good, byte[] anotherTrials) {
      return Arrays.copyOf(good, good.length + 7);
    }
  },
  WRONG_MAGIC("not a Rankscape checkpoint") {
    @Override
    byte[] apply(byte[] good, byte[] anotherTrials) {
      byte[] bytes = good.clone();
      bytes[0] = 'X';
      return bytes;
    }
  },
  FORMAT_VERSION_1("format version 1") {
    @Override
    byte[] apply(byte[] good, byte[] anotherTrials) {
      byte[] bytes = good.clone();
      bytes[7] = 1;
      return bytes;
    }
  },
  ANOTHER_TRIALS_COPIED_IN("another trial's") {
    @Override
    byte[] apply(byte[] good, byte[] anotherTrials) {
      return anotherTrials;
    }
  };

  final String reason;

  CheckpointDamage(String reason) {
    this.reason = reason;
  }

  /**
   * The damaged bytes, from a good checkpoint file of the trial and a good one, of the same
   * content, of another trial.
   */
  abstract byte[] apply(byte[] good, byte[] anotherTrials);
}
