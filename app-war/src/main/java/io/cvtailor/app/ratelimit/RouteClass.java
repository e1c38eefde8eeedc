package io.cvtailor.app.ratelimit;

/**
 * What a route costs, and so how often one caller may call it. Signed-in routes are counted per
 * user, anonymous ones (sign-up, sign-in) per client address. Each class has its own bucket, so a
 * flood of cheap reads does not use up a user's CV generations, nor the other way round.
 */
public enum RouteClass {
  /** Reads and ordinary writes of one's own data. */
  READ("read"),
  /** Similarity search and ranking: a model call and a vector search each. */
  SEARCH("search"),
  /** CV generation and export, import, re-index: many model calls or a large body each. */
  EXPENSIVE("expensive"),
  /** Registration and sign-in, counted per client address (they hash a password each). */
  ANONYMOUS("anonymous");

  private final String key;

  RouteClass(String key) {
    this.key = key;
  }

  /** The configuration name: {@code rate-limit.<key>.capacity} and {@code .per-minute}. */
  public String key() {
    return key;
  }
}
