package io.cvtailor.artifacts;

import java.util.Locale;

/** Where an artifact's current version stands in the embedding pipeline. */
public enum EmbeddingStatus {
  PENDING,
  READY,
  FAILED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
