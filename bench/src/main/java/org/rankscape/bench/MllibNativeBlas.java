package org.rankscape.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * Gives MLlib the engine's own OpenBLAS, so that both sides of the comparison run the same native
 * BLAS. MLlib calls BLAS through {@code dev.ludovic.netlib}, whose native implementation loads
 * {@code libblas.so.3} (absent here: MLlib would fall back to its Java BLAS) unless the system
 * property {@value #NATIVE_LIB_PATH} names another library; this points it at the OpenBLAS that
 * JavaCPP extracted for the engine. It must run before MLlib's first BLAS call.
 */
final class MllibNativeBlas {
  static final String NATIVE_LIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";

  private MllibNativeBlas() {}

  /**
   * Loads the engine's OpenBLAS, finds the file it was loaded from among this process's mappings,
   * and sets {@value #NATIVE_LIB_PATH} to it unless already set. Empty when it cannot be found
   * (MLlib then uses whichever BLAS netlib finds, and the report names it).
   */
  static Optional<Path> useEngineOpenBlas() {
    if (System.getProperty(NATIVE_LIB_PATH) != null) {
      return Optional.of(Path.of(System.getProperty(NATIVE_LIB_PATH)));
    }
    Loader.load(openblas.class);
    try {
      Optional<Path> lib =
          Files.readAllLines(Path.of("/proc/self/maps")).stream()
              .map(line -> line.substring(line.lastIndexOf(' ') + 1))
              .filter(p -> p.contains("org/bytedeco/openblas/") && p.contains("/libopenblas.so"))
              .findFirst()
              .map(Path::of);
      lib.ifPresent(p -> System.setProperty(NATIVE_LIB_PATH, p.toString()));
      return lib;
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
