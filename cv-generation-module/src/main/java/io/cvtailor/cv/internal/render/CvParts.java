package io.cvtailor.cv.internal.render;

import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvSection;
import io.cvtailor.kernel.text.Lines;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What every format reads the same way from a {@link Cv}: null-safe lists, titles, skills. */
final class CvParts {
  /** The JSON Resume schema's iso8601 pattern: YYYY, YYYY-MM or YYYY-MM-DD. */
  static final Pattern PARTIAL_DATE =
      Pattern.compile(
          "^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$");

  private CvParts() {}

  static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  /** The text on one line, stripped; null when blank. */
  static String line(String text) {
    return present(text) ? Lines.joined(text.strip(), " ") : null;
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list.stream().filter(e -> e != null).toList();
  }

  static List<String> texts(List<String> list) {
    return list(list).stream().filter(CvParts::present).map(String::strip).toList();
  }

  static Cv.Basics basics(Cv cv) {
    return cv.basics() != null
        ? cv.basics()
        : new Cv.Basics(null, null, null, null, null, null, List.of());
  }

  static Optional<CvSection> sectionOf(Cv.Section section) {
    String name = section.name() == null ? "" : section.name().strip();
    return Arrays.stream(CvSection.values())
        .filter(s -> s.value().equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name))
        .findFirst();
  }

  /** The printed heading of a section. */
  static String heading(Cv.Section section) {
    return sectionOf(section)
        .map(
            s ->
                switch (s) {
                  case EXPERIENCE -> "Experience";
                  case PROJECTS -> "Projects";
                  case PUBLICATIONS -> "Publications";
                  case EDUCATION -> "Education";
                  case CERTIFICATIONS -> "Certifications";
                  case AWARDS -> "Awards";
                  case TALKS -> "Talks";
                  case VOLUNTEER -> "Volunteering";
                  case SKILLS -> "Skills";
                })
        .orElseGet(
            () -> {
              String name = line(section.name());
              return name == null
                  ? "Other"
                  : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            });
  }

  static boolean isSkills(Cv.Section section) {
    return sectionOf(section).orElse(null) == CvSection.SKILLS;
  }

  /**
   * The CV's skills: the titles of a skills section's items, then {@link Cv#skills()}, without
   * repeats (case-insensitive).
   */
  static List<String> skills(Cv cv) {
    Map<String, String> skills = new LinkedHashMap<>();
    for (Cv.Section section : list(cv.sections())) {
      if (isSkills(section)) {
        list(section.items()).stream()
            .map(item -> line(item.title()))
            .filter(CvParts::present)
            .forEach(s -> skills.putIfAbsent(s.toLowerCase(Locale.ROOT), s));
      }
    }
    texts(cv.skills()).stream()
        .map(CvParts::line)
        .forEach(s -> skills.putIfAbsent(s.toLowerCase(Locale.ROOT), s));
    return new ArrayList<>(skills.values());
  }

  /** The sections to print as item lists: not empty, not skills (those are printed as a list). */
  static List<Cv.Section> itemSections(Cv cv) {
    return list(cv.sections()).stream()
        .filter(s -> !isSkills(s) && !list(s.items()).isEmpty())
        .toList();
  }

  /** Whether the skills line goes where the CV lists its skills section, else at the end. */
  static boolean hasSkillsSection(Cv cv) {
    return list(cv.sections()).stream().anyMatch(CvParts::isSkills);
  }

  /** The item's printed dates; made of its start and end when it has none. */
  static String dates(Cv.Item item) {
    if (present(item.dates())) {
      return line(item.dates());
    }
    String start = line(item.startedOn());
    String end = line(item.endedOn());
    if (start == null) {
      return end;
    }
    return end == null ? start : start + " – " + end;
  }

  /** A partial ISO date as given, or null when it does not match the JSON Resume pattern. */
  static String partialDate(String date) {
    String d = date == null ? null : date.strip();
    return d != null && PARTIAL_DATE.matcher(d).matches() ? d : null;
  }

  /** A link target safe to put in an href: absolute http(s) or mailto, else null. */
  static String safeUrl(String url) {
    if (!present(url)) {
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return switch (scheme) {
        case "http", "https" -> uri.getHost() != null ? uri.toString() : null;
        case "mailto" -> uri.toString();
        default -> null;
      };
    } catch (Exception e) {
      return null;
    }
  }

  /** A link's printed text: its label, else its address without the scheme. */
  static String linkText(Cv.Link link) {
    if (present(link.label())) {
      return line(link.label());
    }
    String url = line(link.url());
    return url == null ? null : url.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
  }
}
