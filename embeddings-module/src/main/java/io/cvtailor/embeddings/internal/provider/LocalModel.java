package io.cvtailor.embeddings.internal.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The ONNX embedding models that ship in Maven jars (langchain4j's model jars: the ONNX file and
 * its tokenizer as class-path resources) and how each must be run: its pooling, its input limit,
 * and the prefixes its authors trained it with. A model whose jar is not in the build is named in
 * the error, with how to build it in.
 */
public enum LocalModel {
  /** The default: small, fast, 128 tokens (docs/ranking.md, "Local models"). */
  ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "all-minilm-l6-v2-q", Pooling.MEAN, 128, "", ""),
  /**
   * BAAI bge-small-en-v1.5: [CLS] pooling; a short query gets the retrieval instruction its model
   * card gives, passages none.
   */
  BGE_SMALL_EN_V15_Q(
      "bge-small-en-v1.5-q",
      "bge-small-en-v1.5-q",
      Pooling.CLS,
      512,
      "Represent this sentence for searching relevant passages: ",
      ""),
  /** intfloat e5-small-v2: mean pooling, "query: " and "passage: " as it was trained. */
  E5_SMALL_V2_Q("e5-small-v2-q", "e5-small-v2-q", Pooling.MEAN, 512, "query: ", "passage: ");

  /** How token vectors become one text vector. */
  public enum Pooling {
    MEAN,
    CLS
  }

  private final String id;
  private final String resourceName;
  private final Pooling pooling;
  private final int maxTokens;
  private final String queryPrefix;
  private final String passagePrefix;

  LocalModel(
      String id,
      String resourceName,
      Pooling pooling,
      int maxTokens,
      String queryPrefix,
      String passagePrefix) {
    this.id = id;
    this.resourceName = resourceName;
    this.pooling = pooling;
    this.maxTokens = maxTokens;
    this.queryPrefix = queryPrefix;
    this.passagePrefix = passagePrefix;
  }

  /** The model named by configuration ({@code embedding.local.model}), by its id. */
  public static LocalModel byId(String id) {
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(m -> m.id.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "unknown embedding.local.model '" + id + "': use one of " + ids()));
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(LocalModel::id).toList();
  }

  /** The id stored with every vector. */
  public String id() {
    return id;
  }

  String onnxResource() {
    return "/" + resourceName + ".onnx";
  }

  String tokenizerResource() {
    return "/" + resourceName + "-tokenizer.json";
  }

  Pooling pooling() {
    return pooling;
  }

  /** The model's own limit, special tokens and prefix included. */
  int maxTokens() {
    return maxTokens;
  }

  String queryPrefix() {
    return queryPrefix;
  }

  String passagePrefix() {
    return passagePrefix;
  }
}
