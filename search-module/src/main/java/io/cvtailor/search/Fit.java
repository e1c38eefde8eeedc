package io.cvtailor.search;

/**
 * How well an artifact (or a person's best artifact) fits a posting on a fixed scale, the same for
 * every ranking method: {@code strong}, {@code partial}, {@code weak} or {@code unrelated}. It is
 * read from absolute evidence, never from the ranking's relative score: the best cosine similarity
 * between one of the posting's requirements and one of the artifact's passages, and the share of
 * the posting's requirement terms (filler words left out) the artifact contains. The cut points are
 * calibrated per model on a graded set by leave-one-persona-out (docs/tailoring.md).
 */
public record Fit(String level, double bestSimilarity, double termShare) {
  public static final String STRONG = "strong";
  public static final String PARTIAL = "partial";
  public static final String WEAK = "weak";
  public static final String UNRELATED = "unrelated";

  /** Rank of a level: 3 strong … 0 unrelated. */
  public static int order(String level) {
    return switch (level) {
      case STRONG -> 3;
      case PARTIAL -> 2;
      case WEAK -> 1;
      default -> 0;
    };
  }
}
