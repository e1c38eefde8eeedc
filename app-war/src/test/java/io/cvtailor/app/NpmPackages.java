package io.cvtailor.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The npm tools the tests use (axe-core, Redocly CLI), each pinned by a package.json and
 * package-lock.json under {@code src/test/<name>} and installed with {@code npm ci} into {@code
 * target/<name>} the first time. A missing npm fails the test with how to install it, never skips.
 */
public final class NpmPackages {
  private NpmPackages() {}

  /**
   * Installs {@code src/test/<name>} into {@code target/<name>} unless {@code file} (relative to
   * its {@code node_modules}) is already there; returns that file.
   */
  public static synchronized Path install(String name, String file) {
    Path base = Path.of(System.getProperty("basedir", "."));
    Path dir = base.resolve("target").resolve(name);
    Path wanted = dir.resolve("node_modules").resolve(file);
    if (Files.isRegularFile(wanted)) {
      return wanted;
    }
    try {
      Files.createDirectories(dir);
      for (String pinned : List.of("package.json", "package-lock.json")) {
        Files.copy(
            base.resolve("src/test").resolve(name).resolve(pinned),
            dir.resolve(pinned),
            StandardCopyOption.REPLACE_EXISTING);
      }
      Process npm =
          new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(npm.getInputStream().readAllBytes());
      if (npm.waitFor() != 0 || !Files.isRegularFile(wanted)) {
        throw new AssertionError(
            "`npm ci` in "
                + dir
                + " failed (the tests need Node.js and npm: apt-get install nodejs npm):\n"
                + output);
      }
      return wanted;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
