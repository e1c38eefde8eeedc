package io.cvtailor.search.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a posting's terms say something about the job. PostgreSQL's English configuration
 * already drops function words ("the", "and"); this removes what is left that every posting says
 * ("use", "one", "every", "work", "experience", "team", "strong") in two linear steps: a fixed
 * stop-list of posting filler, and a posting-frequency rule — a term in most of the posting's
 * requirement lines (at least {@link #MIN_LINES_FOR_FREQUENCY} of them) is how the posting talks,
 * not what it asks for.
 */
final class PlainTerms {
  /** Filler of job postings, stemmed by the database together with the posting. */
  static final String FILLER =
      String.join(
          " ",
          List.of(
              "use used uses using one two three every work works worked working job jobs role",
              "roles team teams experience experienced experiences year years strong good great",
              "excellent ability able skill skills knowledge understanding familiarity familiar",
              "plus nice bonus etc including include includes new well like also within across",
              "help helps helping make makes making get gets way ways day days time part people",
              "person company looking join bring want wants need needs must should will would",
              "can could may might ideally preferred prefer required require requires",
              "requirement requirements responsibilities responsible position opportunity",
              "candidate candidates least level similar related relevant various multiple other",
              "others high highly based hands thing things lot lots take takes keep keeps own owns",
              "ensure ensures provide provides deliver delivers drive drives support supports",
              "environment fast paced passionate passion love world class first best key core",
              "closely great day-to-day solid proven track record demonstrated good-to-have",
              "you your yours our ours we us they them who what where when whilst while e.g",
              "i.e per via able etc. something anything everything each every many much more most",
              "day today year's always often every-day really very quite just"));

  /** Fewer lines than this and every line is a requirement in its own right. */
  static final int MIN_LINES_FOR_FREQUENCY = 5;

  /** Share of the lines a term may appear in and still be distinctive. */
  static final double MAX_LINE_SHARE = 0.6;

  private PlainTerms() {}

  /**
   * The content stems of a posting: the stems of its requirement lines, less the filler's stems and
   * the terms in most lines. One pass over the lines.
   *
   * @param fillerStems the database's stems of {@link #FILLER}
   * @param lineStems each requirement line's distinct stems
   */
  static Set<String> contentStems(Set<String> fillerStems, List<Set<String>> lineStems) {
    Map<String, Integer> lines = new HashMap<>();
    for (Set<String> line : lineStems) {
      for (String stem : line) {
        lines.merge(stem, 1, Integer::sum);
      }
    }
    Set<String> content = new HashSet<>();
    boolean frequencyRule = lineStems.size() >= MIN_LINES_FOR_FREQUENCY;
    for (Map.Entry<String, Integer> e : lines.entrySet()) {
      if (fillerStems.contains(e.getKey()) || e.getKey().length() < 2) {
        continue;
      }
      if (frequencyRule && e.getValue() > MAX_LINE_SHARE * lineStems.size()) {
        continue;
      }
      content.add(e.getKey());
    }
    return content;
  }
}
