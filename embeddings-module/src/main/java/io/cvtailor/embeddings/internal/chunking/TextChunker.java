package io.cvtailor.embeddings.internal.chunking;

import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.kernel.text.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text into chunks that each fit the model's input limit, at sentence boundaries, with the
 * last sentences of a chunk repeated at the start of the next (overlap). Every chunk is prefixed
 * with a headline (the artifact's title) so it keeps its context. Together the chunks cover every
 * word of the text: nothing is truncated.
 */
public final class TextChunker {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final EmbeddingProvider tokens;
  private final double overlapShare;

  /** One chunk: its position, its text (headline included) and its token count. */
  public record Chunk(int ordinal, String text, int tokenCount) {}

  public TextChunker(EmbeddingProvider tokens, double overlapShare) {
    this.tokens = tokens;
    this.overlapShare = overlapShare;
  }

  public List<Chunk> chunk(String headline, String body) {
    String prefix = headline == null || headline.isBlank() ? "" : headline.strip() + "\n";
    int budget = tokens.maxInputTokens();
    List<String> sentences = sentences(body, prefix, budget);
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    while (start < sentences.size()) {
      int end = start + 1; // a single sentence always fits (see sentences())
      while (end < sentences.size() && fits(prefix, sentences.subList(start, end + 1), budget)) {
        end++;
      }
      String text = prefix + String.join(" ", sentences.subList(start, end));
      chunks.add(new Chunk(chunks.size(), text, tokens.countTokens(text)));
      if (end >= sentences.size()) {
        break;
      }
      start = Math.max(start + 1, overlapStart(sentences, start, end, budget));
    }
    return chunks;
  }

  /** Where the next chunk starts: as many trailing sentences as fit in the overlap share. */
  private int overlapStart(List<String> sentences, int start, int end, int budget) {
    int overlapBudget = (int) (budget * overlapShare);
    int next = end;
    int used = 0;
    while (next - 1 > start) {
      int cost = tokens.countTokens(sentences.get(next - 1));
      if (used + cost > overlapBudget) {
        break;
      }
      used += cost;
      next--;
    }
    return next;
  }

  private boolean fits(String prefix, List<String> sentences, int budget) {
    return tokens.countTokens(prefix + String.join(" ", sentences)) <= budget;
  }

  /** Sentences of the body; a sentence too long for one chunk is split between words. */
  private List<String> sentences(String body, String prefix, int budget) {
    List<String> result = new ArrayList<>();
    if (body == null) {
      return result;
    }
    for (String s : Sentences.of(body)) {
      if (tokens.countTokens(prefix + s) <= budget) {
        result.add(s);
      } else {
        result.addAll(splitBetweenWords(s, prefix, budget));
      }
    }
    return result;
  }

  private List<String> splitBetweenWords(String sentence, String prefix, int budget) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (String word : WHITESPACE.split(sentence)) {
      String candidate = piece.length() == 0 ? word : piece + " " + word;
      if (piece.length() > 0 && tokens.countTokens(prefix + candidate) > budget) {
        pieces.add(piece.toString());
        piece = new StringBuilder(word);
      } else {
        piece = new StringBuilder(candidate);
      }
    }
    if (piece.length() > 0) {
      pieces.add(piece.toString());
    }
    return pieces;
  }
}
