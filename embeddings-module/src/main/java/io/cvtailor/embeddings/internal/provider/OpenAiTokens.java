package io.cvtailor.embeddings.internal.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Token counts for an OpenAI-compatible model. OpenAI's own embedding models use the cl100k_base
 * tokenizer, counted exactly and offline by jtokkit (its vocabulary ships in the jar). Any other
 * model behind a compatible server (Ollama, vLLM, LM Studio) has a tokenizer of its own that is not
 * known here, so its count is a conservative estimate that errs high (callers size chunks with it,
 * and the server rejects an input over its limit).
 */
final class OpenAiTokens {
  private static final Set<String> CL100K_MODELS =
      Set.of("text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002");

  private static final Pattern WHITESPACE = Pattern.compile("\\s++");

  private OpenAiTokens() {}

  /** The token count of {@code model}'s inputs (the model name as sent to the API). */
  static ToIntFunction<String> forModel(String model) {
    return CL100K_MODELS.contains(model) ? OpenAiTokens::cl100k : OpenAiTokens::estimate;
  }

  /** cl100k_base tokens, special tokens read as ordinary text (as the API reads an input). */
  static int cl100k(String text) {
    return text == null || text.isEmpty() ? 0 : Cl100k.ENCODING.countTokensOrdinary(text);
  }

  /**
   * A conservative estimate of a BPE tokenizer's count: the larger of (ASCII characters / 3, plus
   * one per other character) and (words * 1.5), rounded up. English averages about 4 characters and
   * 0.75 words per cl100k token, so real counts of such text are lower. It counts one token per CJK
   * character, which cl100k itself sometimes exceeds ("软件工程师": 6 tokens for 5 characters), one more
   * reason OpenAI's own models are counted exactly.
   */
  static int estimate(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    long ascii = text.chars().filter(c -> c < 0x80).count();
    long other = text.codePoints().filter(c -> c >= 0x80).count();
    String stripped = text.strip();
    long words = stripped.isEmpty() ? 0 : WHITESPACE.split(stripped).length;
    long byCharacters = (ascii + 2) / 3 + other;
    long byWords = (words * 3 + 1) / 2;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(byCharacters, byWords));
  }

  /** Loaded on first use: reading the vocabulary takes a moment and memory (a few MB). */
  private static final class Cl100k {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  }
}
