package io.cvtailor.embeddings;

import java.math.BigDecimal;
import java.util.List;

/**
 * A text embedding model. Implementations never truncate silently: callers keep each input within
 * {@link #maxInputTokens()} (see {@link #countTokens(String)}), and an input beyond it is rejected.
 */
public interface EmbeddingProvider {

  /** The model id stored with every vector, e.g. {@code all-minilm-l6-v2-q}. */
  String modelId();

  int dimensions();

  /** The most tokens one input may have. */
  int maxInputTokens();

  /** Price of one input token in US dollars (zero for local models). */
  BigDecimal pricePerToken();

  /** Tokens the model sees for this text (the model's own tokenizer, or a close estimate). */
  int countTokens(String text);

  /**
   * Where the model's tokens of the text end, as ascending character offsets into it: cutting the
   * text at any of them splits it between two tokens, which is how text without a sentence or word
   * boundary (CJK, a long URL) is made to fit. The default, for a model whose tokens are only
   * estimated, allows a cut after every character (never inside a surrogate pair).
   */
  default int[] tokenEnds(String text) {
    return java.util.stream.IntStream.rangeClosed(1, text.length())
        .filter(i -> i == text.length() || !Character.isHighSurrogate(text.charAt(i - 1)))
        .toArray();
  }

  /**
   * One vector per input, in order, each of {@link #dimensions()} finite values.
   *
   * @throws EmbeddingException when the model cannot embed the inputs
   */
  List<float[]> embed(List<String> inputs);

  /**
   * Vectors of queries (search text, a posting's requirements) to compare with embedded passages.
   * Models trained with a query prefix (e5, bge) add it here; for the others this is {@link
   * #embed(List)}.
   */
  default List<float[]> embedQueries(List<String> inputs) {
    return embed(inputs);
  }
}
