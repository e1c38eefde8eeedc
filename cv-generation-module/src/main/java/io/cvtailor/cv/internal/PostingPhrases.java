package io.cvtailor.cv.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a phrase (a skill name) first occurs in a posting as a whole phrase: not preceded or
 * followed by a letter or digit, as {@code (?<![\p{L}\p{N}])phrase(?![\p{L}\p{N}])} would find it.
 *
 * <p>The posting is indexed once: each of its words (maximal runs of letters and digits) with the
 * positions where it stands. A whole-phrase occurrence always puts the phrase's first word on a
 * whole word of the posting, so a lookup only checks the places where that word stands (at most
 * {@value #MAX_CANDIDATES} of them) instead of scanning the posting per phrase.
 */
final class PostingPhrases {
  /** Places of one word tried per phrase: bounds the work of a posting repeating one word. */
  static final int MAX_CANDIDATES = 64;

  private final String text;
  private final Map<String, List<Integer>> wordStarts = new HashMap<>();

  /** The posting, already lower-cased like the phrases looked up in it. */
  PostingPhrases(String text) {
    this.text = text;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!isWordChar(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < n && isWordChar(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      List<Integer> starts =
          wordStarts.computeIfAbsent(text.substring(start, i), w -> new ArrayList<>());
      if (starts.size() < MAX_CANDIDATES) {
        starts.add(start);
      }
    }
  }

  /**
   * The first position of the phrase as a whole phrase, or -1. A phrase without any letter or digit
   * is never found.
   */
  int firstPosition(String phrase) {
    int n = phrase.length();
    int from = 0;
    while (from < n && !isWordChar(phrase.codePointAt(from))) {
      from += Character.charCount(phrase.codePointAt(from));
    }
    if (from >= n) {
      return -1;
    }
    int to = from;
    while (to < n && isWordChar(phrase.codePointAt(to))) {
      to += Character.charCount(phrase.codePointAt(to));
    }
    List<Integer> starts = wordStarts.get(phrase.substring(from, to));
    if (starts == null) {
      return -1;
    }
    for (int wordStart : starts) {
      int p = wordStart - from;
      if (p >= 0
          && text.startsWith(phrase, p)
          && (p == 0 || !isWordChar(text.codePointBefore(p)))
          && (p + n == text.length() || !isWordChar(text.codePointAt(p + n)))) {
        return p;
      }
    }
    return -1;
  }

  /** {@code \p{L}} or {@code \p{N}}. */
  static boolean isWordChar(int cp) {
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
