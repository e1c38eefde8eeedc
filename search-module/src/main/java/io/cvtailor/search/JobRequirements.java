package io.cvtailor.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a job posting into its requirements: its bullet points (except those under a heading of
 * what the employer offers), and otherwise the sentences that read like requirements. Headings, the
 * company blurb and pleasantries are left out.
 */
public final class JobRequirements {
  private static final Pattern BULLET =
      Pattern.compile("^\\s*(?:[-*•·▪–]|\\d+[.)])\\s+(.*\\S)\\s*$");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern REQUIREMENT_CUE =
      Pattern.compile(
          "\\b(experience|experienced|years|knowledge|skills?|proficien\\w*|familiar\\w*|expert\\w*"
              + "|ability|able to|must|required|requirements?|you have|you bring|you will|you'll"
              + "|degree|certifi\\w*|fluent|strong|understanding|background in|track record)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Headings of what the employer offers: their bullets are not requirements. */
  private static final Pattern OFFER_HEADING =
      Pattern.compile(
          "\\b(we offer|what we offer|offer|benefits?|perks|you get|you'll get|what you get|why join"
              + "|compensation|salary|package)\\b",
          Pattern.CASE_INSENSITIVE);

  private JobRequirements() {}

  public static List<String> of(String posting) {
    LinkedHashSet<String> bullets = new LinkedHashSet<>();
    List<String> prose = new ArrayList<>();
    boolean underOffer = false;
    for (String line : posting.split("\\R")) {
      var bullet = BULLET.matcher(line);
      if (bullet.matches()) {
        if (!underOffer) {
          bullets.add(bullet.group(1).strip());
        }
      } else if (!line.isBlank()) {
        String text = line.strip();
        // A short line before bullets is a heading; "What we offer" starts the benefits.
        underOffer = text.length() < 60 && OFFER_HEADING.matcher(text).find();
        prose.add(text);
      }
    }
    if (!bullets.isEmpty()) {
      return List.copyOf(bullets);
    }
    LinkedHashSet<String> sentences = new LinkedHashSet<>();
    for (String paragraph : prose) {
      for (String sentence : SENTENCE_END.split(paragraph)) {
        String s = sentence.strip();
        if (s.length() > 12 && REQUIREMENT_CUE.matcher(s.toLowerCase(Locale.ROOT)).find()) {
          sentences.add(s);
        }
      }
    }
    if (sentences.isEmpty()) {
      for (String paragraph : prose) {
        for (String sentence : SENTENCE_END.split(paragraph)) {
          if (sentence.strip().length() > 12) {
            sentences.add(sentence.strip());
          }
        }
      }
    }
    return List.copyOf(sentences);
  }
}
