package io.cvtailor.search.internal;

import io.cvtailor.search.Fit;
import java.util.Locale;

/**
 * The fixed fit scale: evidence = best requirement-to-passage similarity + {@code termWeight} ×
 * share of the posting's requirement terms the artifact contains, cut at {@code weak}, {@code
 * partial} and {@code strong}. Linear and explainable; the numbers come from {@code ./cvtailor eval
 * --set ../shared/eval} (FitCalibration, leave-one-persona-out) and are configured per model as
 * {@code search.fit.scale.<model>=termWeight,weak,partial,strong}.
 */
public record FitScale(double termWeight, double weak, double partial, double strong) {

  /**
   * all-MiniLM-L6-v2 (quantized), chosen on all five personas of the shared eval set; held out
   * (leave-one-persona-out) no grade-0 pair read strong (docs/tailoring.md).
   */
  public static final FitScale MINILM = new FitScale(0.5, 0.49, 0.60, 0.79);

  public FitScale {
    if (!(weak <= partial && partial <= strong) || termWeight < 0) {
      throw new IllegalArgumentException(
          "fit scale needs termWeight >= 0 and weak <= partial <= strong");
    }
  }

  /**
   * The scale of {@code model} ({@code search.fit.scale.<model>}, else {@code search.fit.scale}),
   * MiniLM's when none is configured: cosines of different models are not on one scale.
   */
  public static FitScale forModel(String model) {
    var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    return config
        .getOptionalValue("search.fit.scale." + model, String.class)
        .or(() -> config.getOptionalValue("search.fit.scale", String.class))
        .map(FitScale::parse)
        .orElse(MINILM);
  }

  /** Parses {@code termWeight,weak,partial,strong}. */
  public static FitScale parse(String text) {
    String[] parts = text.strip().split("\\s*,\\s*");
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "fit scale must be termWeight,weak,partial,strong: " + text);
    }
    return new FitScale(
        Double.parseDouble(parts[0]),
        Double.parseDouble(parts[1]),
        Double.parseDouble(parts[2]),
        Double.parseDouble(parts[3]));
  }

  public double evidence(double bestSimilarity, double termShare) {
    return bestSimilarity + termWeight * termShare;
  }

  public Fit fit(double bestSimilarity, double termShare) {
    double e = evidence(bestSimilarity, termShare);
    String level =
        e >= strong
            ? Fit.STRONG
            : e >= partial ? Fit.PARTIAL : e >= weak ? Fit.WEAK : Fit.UNRELATED;
    return new Fit(level, round(bestSimilarity), round(termShare));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f", termWeight, weak, partial, strong);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
