package io.cvtailor.embeddings;

import io.cvtailor.embeddings.internal.provider.LocalMiniLmProvider;

/**
 * The in-process embedding model (all-MiniLM-L6-v2, quantized), for code outside this module that
 * wraps it instead of configuring it - a fault test's stand-in that holds some calls, for one. The
 * application itself gets its provider by injection ({@code embedding.provider}).
 */
public final class LocalEmbeddingModel {
  private LocalEmbeddingModel() {}

  /** Loads the model; {@link #close(EmbeddingProvider)} releases it. */
  public static EmbeddingProvider open() {
    return new LocalMiniLmProvider();
  }

  /** Releases a model {@link #open()} returned (its ONNX session and tokenizer). */
  public static void close(EmbeddingProvider model) throws Exception {
    if (model instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
