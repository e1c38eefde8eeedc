package io.cvtailor.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How artifacts are ranked against a job posting. */
public enum RankingMethod {
  /** Embedding similarity: best passage match, mean over the posting's parts, whole artifact. */
  SEMANTIC,
  /** Full-text match of the posting's words against the weighted artifact text. */
  KEYWORD,
  /** Reciprocal Rank Fusion (k = 60) of the semantic and keyword rankings. */
  HYBRID;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RankingMethod> fromValue(String value) {
    return Arrays.stream(values()).filter(m -> m.value().equals(value)).findFirst();
  }
}
