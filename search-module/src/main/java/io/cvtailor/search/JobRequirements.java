package io.cvtailor.search;

import io.cvtailor.kernel.text.Sentences;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a job posting into its requirements: its bullet points (except those under a heading of
 * what the employer offers), and otherwise the sentences that read like requirements. Headings, the
 * company blurb and pleasantries are left out.
 *
 * <p>Linear in the posting: lines, bullets and sentences come from {@link Sentences} (no regular
 * expression), and the cue patterns below are plain alternations of words whose only quantifier is
 * possessive, so a hostile posting cannot make them backtrack.
 */
public final class JobRequirements {
  private static final Pattern REQUIREMENT_CUE =
      Pattern.compile(
          "\\b(?:experience|experienced|years|knowledge|skills?|proficien\\w*+|familiar\\w*+"
              + "|expert\\w*+|ability|able to|must|required|requirements?|you have|you bring"
              + "|you will|you'll|degree|certifi\\w*+|fluent|strong|understanding|background in"
              + "|track record"
              // prose postings: "You should have led ...", "You understand ...", "German would
              // help", "We are also interested in candidates who ...", "... is a plus"
              + "|you should|you understand|you can|you are|interested in|would help|advantage"
              + "|a plus|ideally|preferred|nice to have)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Headings of what the employer offers: their bullets are not requirements. */
  private static final Pattern OFFER_HEADING =
      Pattern.compile(
          "\\b(?:we offer|what we offer|offer|benefits?|perks|you get|you'll get|what you get"
              + "|why join|compensation|salary|package)\\b",
          Pattern.CASE_INSENSITIVE);

  /** A line this short before bullets is a heading. */
  private static final int MAX_HEADING = 60;

  /** Sentences this short are fragments ("Apply now."), not requirements. */
  private static final int MIN_SENTENCE = 13;

  private JobRequirements() {}

  public static List<String> of(String posting) {
    LinkedHashSet<String> bullets = new LinkedHashSet<>();
    List<String> prose = new ArrayList<>();
    boolean underOffer = false;
    for (Sentences.Line line : Sentences.lines(posting)) {
      if (line.bullet()) {
        if (!underOffer) {
          bullets.add(line.text());
        }
      } else {
        String text = line.text();
        // A short line before bullets is a heading; "What we offer" starts the benefits, and only
        // the next heading ends them (a longer line after the heading, "Eligible team members
        // enjoy:", introduces the benefit bullets; it does not end them).
        if (text.length() < MAX_HEADING) {
          underOffer = OFFER_HEADING.matcher(text).find();
        }
        prose.add(text);
      }
    }
    if (!bullets.isEmpty()) {
      return List.copyOf(bullets);
    }
    LinkedHashSet<String> sentences = new LinkedHashSet<>();
    List<String> all = new ArrayList<>();
    for (String paragraph : prose) {
      for (String s : Sentences.of(paragraph)) {
        if (s.length() >= MIN_SENTENCE) {
          all.add(s);
          if (REQUIREMENT_CUE.matcher(s.toLowerCase(Locale.ROOT)).find()) {
            sentences.add(s);
          }
        }
      }
    }
    return List.copyOf(sentences.isEmpty() ? new LinkedHashSet<>(all) : sentences);
  }
}
