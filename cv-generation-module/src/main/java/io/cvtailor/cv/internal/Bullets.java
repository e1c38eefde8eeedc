package io.cvtailor.cv.internal;

import java.util.Locale;
import java.util.Set;

/**
 * What makes one of the person's sentences a good CV bullet, read in one pass over its words (no
 * pattern on user text): an accomplishment starts with an action ("Designed…", "I led…") and states
 * a result or a number; a narrative aside ("It was my first time…", "After a year I moved…") tells
 * a story instead and is never a bullet. Nothing here rewrites a sentence.
 */
final class Bullets {
  private Bullets() {}

  /** Irregular or short action verbs (regular past tenses are recognised by "-ed"). */
  private static final Set<String> ACTION_VERBS =
      Set.of(
          "built",
          "led",
          "ran",
          "wrote",
          "cut",
          "set",
          "made",
          "drove",
          "grew",
          "won",
          "taught",
          "brought",
          "took",
          "kept",
          "rebuilt",
          "rewrote",
          "spoke",
          "gave",
          "sped",
          "shipped",
          "own",
          "owns",
          "lead",
          "leads",
          "run",
          "runs",
          "build",
          "builds",
          "design",
          "designs",
          "mentor",
          "mentors",
          "maintain",
          "maintains",
          "manage",
          "manages",
          "develop",
          "develops",
          "implement",
          "implements",
          "introduce",
          "introduces",
          "create",
          "creates",
          "deliver",
          "delivers",
          "migrate",
          "migrates",
          "automate",
          "automates",
          "operate",
          "operates",
          "architect",
          "architects",
          "teach",
          "teaches",
          "write",
          "writes",
          "present",
          "presents",
          "co-designed",
          "co-founded",
          "co-authored");

  /** Words that say what changed: a result. */
  private static final Set<String> RESULT_WORDS =
      Set.of(
          "reduced",
          "reducing",
          "cut",
          "increased",
          "increasing",
          "improved",
          "improving",
          "halved",
          "halving",
          "doubled",
          "tripled",
          "saved",
          "saving",
          "eliminated",
          "eliminating",
          "removed",
          "faster",
          "fewer",
          "lower",
          "higher",
          "latency",
          "throughput",
          "million",
          "billion",
          "thousand",
          "percent",
          "replaced",
          "replacing",
          "brought",
          "grew",
          "won",
          "award",
          "awarded",
          "adopted",
          "used",
          "production",
          "from");

  /** Openers that place a story in time rather than state an accomplishment. */
  private static final Set<String> TIME_OPENERS =
      Set.of(
          "after",
          "before",
          "later",
          "then",
          "eventually",
          "afterwards",
          "meanwhile",
          "soon",
          "once",
          "when",
          "while",
          "during",
          "initially",
          "originally",
          "finally",
          "looking");

  /** Phrases of a personal story. */
  private static final String[] STORY_PHRASES = {
    "my first time",
    "for the first time",
    "it was my",
    "it was a",
    "it was the",
    "i realised",
    "i realized",
    "i fell in love",
    "i remember",
    "i moved",
    "i decided",
    "i got to",
    "i had the chance",
    "i was lucky",
    "i have always",
    "i've always",
    "i always wanted",
    "taught me",
    "i learned a lot",
    "i learnt a lot",
    "back then",
    "at the time",
    "in my spare time",
    "in my free time",
    "i love ",
    "i enjoy",
    "i enjoyed"
  };

  /** True for a narrative aside: a personal story, not an accomplishment. */
  static boolean isNarrative(String sentence) {
    String lower = " " + sentence.toLowerCase(Locale.ROOT).replace('’', '\'') + " ";
    for (String phrase : STORY_PHRASES) {
      if (lower.contains(" " + phrase)) {
        return true;
      }
    }
    String[] words = firstWords(lower, 3);
    if (words.length == 0) {
      return false;
    }
    // "After a year I moved…", "When I joined…": a time opener with the person as the subject.
    return TIME_OPENERS.contains(words[0])
        && (lower.contains(" i ") || lower.contains(" my ") || lower.contains(" we "));
  }

  /**
   * 0 to 3: one for an action at the start (after an optional "I"/"We"), one for a number, one for
   * a word of result.
   */
  static int accomplishment(String sentence) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    String[] words = firstWords(lower, 2);
    int score = 0;
    if (words.length > 0) {
      String verb =
          (words[0].equals("i") || words[0].equals("we")) && words.length > 1 ? words[1] : words[0];
      if (ACTION_VERBS.contains(verb) || (verb.length() > 4 && verb.endsWith("ed"))) {
        score++;
      }
    }
    boolean number = false;
    boolean result = false;
    int i = 0;
    int n = lower.length();
    while (i < n && !(number && result)) {
      char c = lower.charAt(i);
      if (Character.isDigit(c) || c == '%') {
        number = true;
        i++;
        continue;
      }
      if (!Character.isLetter(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && (Character.isLetter(lower.charAt(i)) || lower.charAt(i) == '-')) {
        i++;
      }
      if (RESULT_WORDS.contains(lower.substring(start, i))) {
        result = true;
      }
    }
    return score + (number ? 1 : 0) + (result ? 1 : 0);
  }

  /**
   * Lexical near-duplicates: most of the shorter sentence's words (longer than two characters)
   * appear in the other, or the two share most of their words.
   */
  static boolean lexicallyNear(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    int shared = 0;
    for (String w : small) {
      if (large.contains(w)) {
        shared++;
      }
    }
    int union = a.size() + b.size() - shared;
    return (small.size() >= 4 && shared >= 0.8 * small.size()) || shared >= 0.6 * union;
  }

  /** Shared content words that, with a middling cosine, make two bullets the same facts. */
  static final int SHARED_CONTENT_WORDS = 4;

  /** Words too common to say two sentences tell the same facts. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the",
          "and",
          "for",
          "with",
          "from",
          "into",
          "onto",
          "our",
          "that",
          "this",
          "was",
          "were",
          "are",
          "has",
          "have",
          "had",
          "also",
          "its",
          "their",
          "which",
          "while",
          "over",
          "more",
          "than",
          "all",
          "new",
          "per",
          "who",
          "but",
          "not",
          "one",
          "two",
          "each",
          "every",
          "using",
          "used",
          "use",
          "via",
          "them",
          "they",
          "team",
          "including",
          "about",
          "after",
          "before");

  /** How many words (longer than two characters) two sentences share, common words aside. */
  static int sharedContentWords(Set<String> a, Set<String> b) {
    int shared = 0;
    for (String w : a.size() <= b.size() ? a : b) {
      if ((a.size() <= b.size() ? b : a).contains(w) && !STOP_WORDS.contains(w)) {
        shared++;
      }
    }
    return shared;
  }

  /** The first {@code count} words (letters, digits, apostrophes, hyphens) of lower-case text. */
  private static String[] firstWords(String lower, int count) {
    String[] words = new String[count];
    int found = 0;
    int i = 0;
    int n = lower.length();
    while (i < n && found < count) {
      while (i < n && !Character.isLetterOrDigit(lower.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n
          && (Character.isLetterOrDigit(lower.charAt(i))
              || lower.charAt(i) == '\''
              || lower.charAt(i) == '-')) {
        i++;
      }
      if (i > start) {
        words[found++] = lower.substring(start, i);
      }
    }
    return java.util.Arrays.copyOf(words, found);
  }
}
