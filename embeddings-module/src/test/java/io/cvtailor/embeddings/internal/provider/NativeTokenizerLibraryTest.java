package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A redeployment on an application server loads the WAR in a new class loader while the JVM keeps
 * running. Each "deployment" here is a class loader of its own over the same jars (as the server
 * gives each deployment of the WAR), in one JVM.
 */
class NativeTokenizerLibraryTest {

  @Test
  void aSecondDeploymentLoadsTheModelAndEmbeds() throws Exception {
    for (int deployment = 1; deployment <= 2; deployment++) {
      try (URLClassLoader loader = deployment()) {
        Class<?> provider = loader.loadClass(LocalMiniLmProvider.class.getName());
        Object model = provider.getConstructor().newInstance();
        try {
          @SuppressWarnings("unchecked")
          List<float[]> vectors =
              (List<float[]>)
                  provider.getMethod("embed", List.class).invoke(model, List.of("Led a team."));
          assertThat(vectors).as("deployment %d", deployment).hasSize(1);
          assertThat(vectors.get(0)).hasSize(384);
        } finally {
          ((AutoCloseable) model).close();
        }
      }
    }
  }

  /** The failure the copy avoids: DJL's own load from its shared cache path, twice. */
  @Test
  void withoutItsOwnCopyASecondClassLoaderCannotLoadTheLibrary() throws Exception {
    Throwable second = null;
    for (int deployment = 1; deployment <= 2; deployment++) {
      try (URLClassLoader loader = deployment()) {
        Method check =
            loader.loadClass("ai.djl.huggingface.tokenizers.jni.LibUtils").getMethod("checkStatus");
        Throwable failure = catchThrowable(() -> check.invoke(null));
        if (deployment == 2) {
          second = failure;
        }
      }
    }
    assertThat(second).as("DJL's default load in a second class loader").isNotNull();
    assertThat(rootCause(second)).hasMessageContaining("already loaded in another classloader");
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A class loader over this test's class path that shares nothing with the test's own. */
  private static URLClassLoader deployment() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }
}
