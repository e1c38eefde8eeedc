package io.cvtailor.embeddings.internal.chunking;

import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.kernel.Deadline;
import io.cvtailor.kernel.text.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text into chunks that each fit the model's input limit, at sentence boundaries, with the
 * last sentences of a chunk repeated at the start of the next (overlap). Every chunk is prefixed
 * with a headline (the artifact's title) so it keeps its context. Together the chunks cover every
 * word of the text: nothing is truncated.
 *
 * <p>Text of any script fits: a sentence too long for one chunk is split between words, and a word
 * too long for one chunk (CJK text without spaces, a long URL) is cut on the model's own token
 * boundaries. The headline takes at most {@value #MAX_PREFIX_SHARE} of the input limit: a longer
 * one leads each chunk cut to that many tokens and goes whole, once, at the start of the text.
 *
 * <p>Work is linear in the text: each sentence and word is counted once and chunks are packed by
 * adding counts (the models' tokenizers split at white space, so counts add up), then each chunk is
 * counted once more to be sure.
 */
public final class TextChunker {
  /** The most of the input limit a headline may take in every chunk. */
  public static final double MAX_PREFIX_SHARE = 0.25;

  private static final Pattern WHITESPACE = Pattern.compile("\\s++");

  private final EmbeddingProvider tokens;
  private final double overlapShare;

  /** One chunk: its position, its text (headline included) and its token count. */
  public record Chunk(int ordinal, String text, int tokenCount) {}

  public TextChunker(EmbeddingProvider tokens, double overlapShare) {
    this.tokens = tokens;
    this.overlapShare = overlapShare;
  }

  /** The most tokens a headline may take in every chunk of this model. */
  public static int maxPrefixTokens(EmbeddingProvider tokens) {
    return Math.max(1, (int) (tokens.maxInputTokens() * MAX_PREFIX_SHARE));
  }

  public List<Chunk> chunk(String headline, String body) {
    int budget = tokens.maxInputTokens();
    String head = headline == null ? "" : headline.strip();
    String prefix = "";
    if (!head.isEmpty()) {
      int maxPrefix = maxPrefixTokens(tokens);
      if (contentTokens(head) <= maxPrefix) {
        prefix = head + "\n";
      } else {
        // Too long to repeat in every chunk: its start leads each chunk, the whole of it goes once.
        prefix = cutToTokens(head, maxPrefix - 1) + "…\n";
        body = body == null || body.isBlank() ? head : head + "\n" + body;
      }
    }
    List<String> units = pieces(body, prefix, budget);
    int[] cost = new int[units.size()];
    for (int i = 0; i < cost.length; i++) {
      cost[i] = contentTokens(units.get(i));
    }
    int prefixCost = tokens.countTokens(prefix);
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    while (start < units.size()) {
      int end = start + 1; // a single piece always fits (see pieces())
      int used = prefixCost + cost[start];
      while (end < units.size() && used + cost[end] <= budget) {
        used += cost[end];
        end++;
      }
      String text = prefix + String.join(" ", units.subList(start, end));
      int count = tokens.countTokens(text);
      while (count > budget && end > start + 1) { // counts did not quite add up: one piece fewer
        end--;
        text = prefix + String.join(" ", units.subList(start, end));
        count = tokens.countTokens(text);
      }
      chunks.add(new Chunk(chunks.size(), text, count));
      if (end >= units.size()) {
        break;
      }
      start = Math.max(start + 1, overlapStart(cost, start, end, budget));
    }
    return chunks;
  }

  /** Where the next chunk starts: as many trailing sentences as fit in the overlap share. */
  private int overlapStart(int[] cost, int start, int end, int budget) {
    int overlapBudget = (int) (budget * overlapShare);
    int next = end;
    int used = 0;
    while (next - 1 > start) {
      if (used + cost[next - 1] > overlapBudget) {
        break;
      }
      used += cost[next - 1];
      next--;
    }
    return next;
  }

  /** Tokens of the text without what the model adds to every input (e.g. [CLS] and [SEP]). */
  private int contentTokens(String text) {
    return Math.max(0, tokens.countTokens(text) - tokens.countTokens(""));
  }

  /**
   * Sentences of the body, each fitting one chunk after the prefix: a longer sentence is split
   * between words, a longer word between tokens.
   */
  private List<String> pieces(String body, String prefix, int budget) {
    List<String> result = new ArrayList<>();
    if (body == null) {
      return result;
    }
    for (String s : Sentences.of(body)) {
      Deadline.checkCurrent(); // a query's text is counted within its request's time
      if (tokens.countTokens(prefix + s) <= budget) {
        result.add(s);
      } else {
        splitBetweenWords(s, prefix, budget, result);
      }
    }
    return result;
  }

  private void splitBetweenWords(String sentence, String prefix, int budget, List<String> out) {
    int room = budget - tokens.countTokens(prefix);
    List<String> piece = new ArrayList<>();
    int used = 0;
    for (String word : WHITESPACE.split(sentence)) {
      if (word.isEmpty()) {
        continue;
      }
      int cost = contentTokens(word);
      if (cost > room) {
        flush(piece, prefix, budget, out);
        used = 0;
        out.addAll(splitBetweenTokens(word, prefix, budget));
        continue;
      }
      if (!piece.isEmpty() && used + cost > room) {
        flush(piece, prefix, budget, out);
        used = 0;
      }
      piece.add(word);
      used += cost;
    }
    flush(piece, prefix, budget, out);
  }

  /** Adds the words as one piece, or as several when their counts did not quite add up. */
  private void flush(List<String> words, String prefix, int budget, List<String> out) {
    int from = 0;
    while (from < words.size()) {
      int to = words.size();
      String text = String.join(" ", words.subList(from, to));
      while (to > from + 1 && tokens.countTokens(prefix + text) > budget) {
        to--;
        text = String.join(" ", words.subList(from, to));
      }
      out.add(text);
      from = to;
    }
    words.clear();
  }

  /**
   * The word cut on the model's token boundaries into pieces that each fit after the prefix: the
   * longest run of whole tokens that fits, found by binary search over at most twice the input
   * limit in tokens (so each count looks at a bounded stretch of the word).
   */
  private List<String> splitBetweenTokens(String word, String prefix, int budget) {
    int[] ends = tokenEnds(word);
    List<String> pieces = new ArrayList<>();
    int from = 0;
    int first = 0;
    while (first < ends.length) {
      int lo = first; // one token always fits: the prefix takes at most a quarter of the input
      int hi = Math.min(ends.length - 1, first + 2 * budget);
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (tokens.countTokens(prefix + word.substring(from, ends[mid])) <= budget) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      String piece = word.substring(from, ends[lo]).strip();
      if (!piece.isEmpty()) {
        pieces.add(piece);
      }
      from = ends[lo];
      first = lo + 1;
    }
    return pieces;
  }

  /** The text's first {@code maxTokens} tokens (at least one), cut on a token boundary. */
  private String cutToTokens(String text, int maxTokens) {
    int[] ends = tokenEnds(text);
    int lo = 0;
    int hi = Math.min(ends.length - 1, 2 * Math.max(1, maxTokens));
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (contentTokens(text.substring(0, ends[mid])) <= maxTokens) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return text.substring(0, ends[lo]).strip();
  }

  /** The model's token ends in the text, ending with the text's length. */
  private int[] tokenEnds(String text) {
    int[] ends = tokens.tokenEnds(text);
    if (ends.length > 0 && ends[ends.length - 1] == text.length()) {
      return ends;
    }
    int[] closed = java.util.Arrays.copyOf(ends, ends.length + 1);
    closed[ends.length] = text.length();
    return closed;
  }
}
