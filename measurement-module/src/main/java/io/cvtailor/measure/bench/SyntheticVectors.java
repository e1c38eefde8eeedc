package io.cvtailor.measure.bench;

import java.util.SplittableRandom;

/**
 * Deterministic embedding-like vectors: unit vectors scattered around a fixed set of random
 * centroids on the sphere, the way real embeddings cluster by topic. Uniform random vectors would
 * make every neighbour almost equally far and flatter approximate indexes unrealistically.
 *
 * <p>Vector {@code i} of a given seed is the same on every run and every machine, and can be
 * generated on its own (queries are taken from the same distribution with their own index range).
 */
public final class SyntheticVectors {
  private final int dimensions;
  private final long seed;
  private final float[][] centroids;
  private final double spread;

  /**
   * @param clusters how many topics
   * @param spread noise per coordinate relative to a unit centroid's coordinate scale (0.5 puts a
   *     vector at cosine ≈ 0.9 from its centroid: tight topics, but distinct neighbours)
   */
  public SyntheticVectors(int dimensions, int clusters, double spread, long seed) {
    this.dimensions = dimensions;
    this.seed = seed;
    this.spread = spread;
    SplittableRandom random = new SplittableRandom(seed);
    centroids = new float[clusters][];
    for (int c = 0; c < clusters; c++) {
      centroids[c] = gaussianUnit(random, dimensions);
    }
  }

  public int dimensions() {
    return dimensions;
  }

  /** The {@code i}-th vector: deterministic, unit length. */
  public float[] vector(long i) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    float[] centroid = centroids[random.nextInt(centroids.length)];
    double scale = spread / Math.sqrt(dimensions);
    float[] v = new float[dimensions];
    for (int d = 0; d < dimensions; d++) {
      v[d] = (float) (centroid[d] + scale * gaussian(random));
    }
    return normalise(v);
  }

  /** pgvector's text form, e.g. {@code [0.1,-0.2]}. */
  public static String toText(float[] v) {
    StringBuilder text = new StringBuilder(v.length * 11).append('[');
    for (int d = 0; d < v.length; d++) {
      if (d > 0) {
        text.append(',');
      }
      text.append(v[d]);
    }
    return text.append(']').toString();
  }

  public static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int d = 0; d < a.length; d++) {
      sum += a[d] * b[d];
    }
    return sum;
  }

  private static float[] gaussianUnit(SplittableRandom random, int dimensions) {
    float[] v = new float[dimensions];
    for (int d = 0; d < dimensions; d++) {
      v[d] = (float) gaussian(random);
    }
    return normalise(v);
  }

  private static float[] normalise(float[] v) {
    double norm = Math.sqrt(dot(v, v));
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (v[d] / norm);
    }
    return v;
  }

  /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
