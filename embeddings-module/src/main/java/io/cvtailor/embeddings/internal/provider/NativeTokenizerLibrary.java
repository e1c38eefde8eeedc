package io.cvtailor.embeddings.internal.provider;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import io.cvtailor.kernel.log.RequestIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Loads the tokenizer's native library (DJL's {@code libtokenizers.so}) from a copy of this
 * deployment's own, so that the WAR can be redeployed on an application server without a restart.
 *
 * <p>Why: DJL extracts the library once to a shared cache path ({@code
 * ~/.djl.ai/tokenizers/<version>/...}) and {@code System.load}s it from there, and a JVM lets one
 * class loader only load a given library file. A second deployment of the WAR has a new class
 * loader, so its load failed with {@code UnsatisfiedLinkError: Native Library ... already loaded in
 * another classloader}, and the model never worked again until the server was restarted. DJL reads
 * the library from {@code RUST_LIBRARY_PATH} when that names a file: each deployment copies the
 * library out of its own jar to a fresh temporary file, points DJL at it for the moment of loading,
 * and deletes the file once loaded (the mapping stays). The JVM releases the old deployment's copy
 * with its class loader.
 *
 * <p>An operator who sets {@code RUST_LIBRARY_PATH} in the environment (for example to ship the
 * library as a server library) keeps that choice: DJL reads the environment first.
 */
final class NativeTokenizerLibrary {
  private static final Logger LOG = RequestIds.logger(NativeTokenizerLibrary.class);
  static final String OVERRIDE = "RUST_LIBRARY_PATH";

  private NativeTokenizerLibrary() {}

  /** Loads the library into this class loader (once), from a copy of its own when possible. */
  static void load() {
    // The JVM's own lock for loading libraries: one deployment at a time sets the path and loads.
    synchronized (Runtime.getRuntime()) {
      String resource = resource();
      if (System.getenv(OVERRIDE) != null || resource == null) {
        LibUtils.checkStatus();
        return;
      }
      Path dir = null;
      Path copy = null;
      String before = System.getProperty(OVERRIDE);
      try (InputStream in = LibUtils.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          LibUtils.checkStatus();
          return;
        }
        dir = Files.createTempDirectory("cvtailor-tokenizers");
        copy = dir.resolve(System.mapLibraryName("tokenizers"));
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        System.setProperty(OVERRIDE, copy.toString());
        LibUtils.checkStatus();
        Path loaded = copy;
        LOG.fine(() -> "tokenizer library loaded from this deployment's copy " + loaded);
      } catch (IOException e) {
        throw new UncheckedIOException("the tokenizer library could not be copied", e);
      } finally {
        if (before == null) {
          System.clearProperty(OVERRIDE);
        } else {
          System.setProperty(OVERRIDE, before);
        }
        deleteQuietly(copy);
        deleteQuietly(dir);
      }
    }
  }

  /** The library inside the DJL tokenizers jar for this platform, or null when there is none. */
  private static String resource() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx" : null;
    String archName =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch64";
          default -> null;
        };
    if (osName == null || archName == null) {
      return null;
    }
    return "native/lib/" + osName + "-" + archName + "/cpu/" + System.mapLibraryName("tokenizers");
  }

  private static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        LOG.fine(() -> "could not delete " + path + ": " + e);
      }
    }
  }
}
