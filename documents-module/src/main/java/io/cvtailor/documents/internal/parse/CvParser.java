package io.cvtailor.documents.internal.parse;

import io.cvtailor.artifacts.Profile;
import io.cvtailor.documents.ProposedItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a document's lines (in reading order, with what the layout says about them) into profile
 * basics and proposed artifacts. It never writes text of its own: every title, organization,
 * description and tag is a piece of a line of the document; only dates are normalised (to {@code
 * YYYY} or {@code YYYY-MM}) and links get a scheme.
 *
 * <p>Method: headings (known words in eight languages, or an unknown line styled like the known
 * headings) cut the document into sections. In a section of dated entries, an entry starts at a
 * line styled like the section's first line (bold, heading level, a date on it), or, when the
 * document has no styling, after the header lines closed by a date; bullets and long lines are its
 * body. Header lines lose their date and are split at separators ({@code |}, {@code –}, {@code at},
 * tabs, commas) into title and organization, swapped when the words say so (a university is not a
 * job title).
 */
public final class CvParser {
  private CvParser() {}

  private static final Pattern BULLET =
      Pattern.compile(
          "^\\s*(?:[\u2022\u25AA\u25E6\u2023\u25CF\u25CB\u25A0\u25A1\u2043\u2219\u00B7\u2013\u2014\u27A2\u25BA\u2713\u2714*\u2010-]|\\d{1,2}[.)])\\s+");
  // Starts only where a run of address characters starts, quantifiers possessive: the same matches
  // as [\w.+-]+@[\w-]+(?:\.[\w-]+)+, which rescanned a long run from each of its characters
  // (quadratic: 11 s for a 20,000-character word).
  static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[\\w-]++(?:\\.[\\w-]++)++");
  static final Pattern URL =
      Pattern.compile(
          "(?:https?://|www\\.)[^\\s|,;]+|(?:linkedin\\.com|github\\.com|gitlab\\.com|xing\\.com)/[^\\s|,;]+",
          Pattern.CASE_INSENSITIVE);
  static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d[\\d ()./-]{5,}\\d");
  // A run of white space is tried once, from its start, without backtracking (the same splits as
  // the alternation of \s+… it replaces, which tried every position of a long run of spaces
  // against the whole rest of the run: 148 s for 20,000 spaces).
  private static final Pattern PART_SEPARATORS =
      Pattern.compile(
          "\\t+|(?<!\\s)\\s++(?:[|\u00B7\u2022\u2013\u2014\u2012]\\s++|-\\s++|[|\u00B7\u2022]"
              + "|(?:at|@|bei|chez|hos)\\s++)|[|\u00B7\u2022]\\s++");

  /** The separators of a contact line: not at dashes (see {@code contactParts}). */
  private static final Pattern CONTACT_SEPARATORS =
      Pattern.compile("\\t+|(?<!\\s)\\s++[|\u00B7\u2022]\\s*+|[|\u00B7\u2022]\\s++");

  private static final Pattern LOCATION =
      Pattern.compile("\\p{Lu}[\\p{L}.'\\- ]{1,40}(?:,\\s*\\p{Lu}[\\p{L}.'\\- ]{1,40}){1,2}");
  private static final Pattern ORG_WORDS =
      Pattern.compile(
          "(?i)\\b(?:inc|ltd|llc|gmbh|ag|sa|sas|sarl|s\\.a|bv|ab|as|asa|aps|a/s|plc|corp|corporation|company|co|group|labs?"
              + "|university|universit\u00e4t|universit\u00e9|universidad|universidade|universitet|universitetet|hochschule|school"
              + "|college|institute|institut|instituto|academy|akademie|foundation|stiftung|trust|bank|agency|hospital|clinic"
              + "|council|ministry|department|studio|solutions|systems|technologies|consulting|partners|association|society"
              + "|conference|journal|proceedings|press|kommune|sykehus|sjukhus|region|verein|e\\.v)\\b\\.?");
  private static final Pattern ROLE_WORDS =
      Pattern.compile(
          "(?i)\\b(?:engineer|developer|manager|lead|head|director|consultant|analyst|scientist|designer|intern"
              + "|architect|specialist|officer|administrator|coordinator|assistant|nurse|teacher|researcher|student"
              + "|founder|co-founder|owner|cto|ceo|vp|programmer|tester|technician|advisor|adviser|editor|writer|chair|member"
              + "|bachelor|master|msc|bsc|ba|ma|mba|phd|ph\\.d|diploma|degree|certificate|certified|b\\.sc|m\\.sc|b\\.a|m\\.a"
              + "|ingenieur|entwickler|entwicklerin|leiter|leiterin|berater|beraterin|werkstudent|praktikant|abschluss"
              + "|ing\u00e9nieur|d\u00e9veloppeur|d\u00e9veloppeuse|chef|responsable|stagiaire|licence|dipl\u00f4me"
              + "|ingeniero|ingeniera|desarrollador|desarrolladora|jefe|gerente|licenciatura|grado|m\u00e1ster"
              + "|engenheiro|engenheira|desenvolvedor|desenvolvedora|gerente|analista|mestrado|licenciado|bacharelado"
              + "|utvecklare|ingenj\u00f6r|chef|sjuksk\u00f6terska|utvikler|ingeni\u00f8r|sykepleier|leder|udvikler|konsulent|radgiver)\\b");
  private static final Pattern TERMINAL = Pattern.compile("[.!?;:]\\s*$");
  private static final Pattern LIST_SPLIT =
      Pattern.compile("\\s*[,;\u2022\u00B7|\\t]\\s*|\\s+[\u2013\u2014]\\s+");

  /** A cleaned line: its text without the bullet marker, the layout facts, and its date. */
  private record Line(
      DocLine source, String text, boolean bullet, Optional<DateRanges.Found> date) {
    boolean emphasised() {
      return source.emphasised();
    }

    int words() {
      return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }
  }

  /** At most this many unusual headings of one document are read by meaning (one model call). */
  static final int MAX_CLASSIFIED_HEADINGS = 30;

  /** Reads the lines; {@code format} names the source format in the result. */
  public static ParsedCv parse(String format, List<DocLine> docLines) {
    return parse(format, docLines, HeadingClassifier.NONE);
  }

  /**
   * Reads the lines; headings the dictionary does not know are offered to {@code headings} (the
   * local embedding model in the application) before they fall back to "other".
   */
  public static ParsedCv parse(String format, List<DocLine> docLines, HeadingClassifier headings) {
    List<Line> lines = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (DocLine dl : docLines) {
      String raw = dl.text() == null ? "" : dl.text().replace('\u00A0', ' ').strip();
      if (raw.isEmpty()) {
        continue;
      }
      Matcher bullet = BULLET.matcher(raw);
      boolean isBullet = dl.bullet();
      String clean = raw;
      if (bullet.find() && !raw.matches("^\\d{1,2}[.)]\\s*\\d.*")) {
        // "- 2019" is a date range's dash only when something came before; at a line start it is a
        // list.
        String rest = raw.substring(bullet.end()).strip();
        if (!rest.isEmpty()) {
          clean = rest;
          isBullet = true;
        }
      }
      lines.add(new Line(dl, clean, isBullet, DateRanges.find(clean)));
      text.append(isBullet ? "\u2022 " : "").append(clean).append('\n');
    }
    return new Builder(format, lines, text.toString(), headings).build();
  }

  private static final class Builder {
    final String format;
    final List<Line> lines;
    final String text;
    final List<ProposedItem> items = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    String name;
    String headline;
    String email;
    String phone;
    String location;
    final List<String> summary = new ArrayList<>();
    final List<Profile.Link> links = new ArrayList<>();
    final Set<String> skillTitles = new LinkedHashSet<>();

    final HeadingClassifier classifier;

    Builder(String format, List<Line> lines, String text, HeadingClassifier classifier) {
      this.format = format;
      this.lines = lines;
      this.text = text;
      this.classifier = classifier;
    }

    ParsedCv build() {
      // Which lines are section headings, and how known headings look (for unknown ones).
      List<Optional<Section>> known = new ArrayList<>();
      Set<Integer> headingLevels = new LinkedHashSet<>();
      boolean headingsAllCaps = false;
      boolean headingsEmphasised = false;
      for (Line line : lines) {
        Optional<Section> section = line.bullet ? Optional.empty() : Headings.of(line.text);
        known.add(section);
        if (section.isPresent()) {
          headingLevels.add(line.source.headingLevel());
          headingsAllCaps |= isAllCaps(line.text);
          headingsEmphasised |= line.emphasised();
        }
      }
      Map<String, Section> byMeaning =
          unusualHeadings(known, headingLevels, headingsAllCaps, headingsEmphasised);
      int i = 0;
      List<Line> header = new ArrayList<>();
      while (i < lines.size() && known.get(i).isEmpty()) {
        header.add(lines.get(i++));
      }
      readHeader(header);
      while (i < lines.size()) {
        Line headingLine = lines.get(i);
        Section section = known.get(i).orElse(Section.OTHER);
        String heading = headingText(headingLine);
        List<Line> body = new ArrayList<>();
        i++;
        while (i < lines.size() && known.get(i).isEmpty()) {
          Line line = lines.get(i);
          if (looksLikeUnknownHeading(line, headingLevels, headingsAllCaps, headingsEmphasised)) {
            break;
          }
          body.add(line);
          i++;
        }
        if (i < lines.size() && known.get(i).isEmpty()) {
          Section meant = byMeaning.get(headingText(lines.get(i)));
          if (meant != null) {
            // Read by meaning, and said so: the person sees why the entries got their type.
            known.set(i, Optional.of(meant));
            warnings.add(
                "the heading \""
                    + lines.get(i).text
                    + "\" was read as "
                    + meant.name().toLowerCase(Locale.ROOT)
                    + " by its meaning; check the entries' types");
          } else {
            // An unknown heading: a section of its own, proposed as "other".
            known.set(i, Optional.of(Section.OTHER));
            warnings.add(
                "the heading \""
                    + lines.get(i).text
                    + "\" is not one we know; its entries are proposed as \"other\"");
          }
        }
        readSection(section, heading, body);
      }
      if (items.isEmpty()) {
        warnings.add(
            "no entries were found; add them by hand or try another format of the document");
      }
      Profile profile =
          new Profile(
              name,
              headline,
              email,
              phone,
              location,
              summary.isEmpty() ? null : String.join(" ", summary),
              links);
      return new ParsedCv(format, profile, items, warnings, text);
    }

    /**
     * The unknown headings of the document (the lines after the first known heading that the main
     * loop will take for headings) read by meaning in one call, at most {@link
     * #MAX_CLASSIFIED_HEADINGS} of them.
     */
    Map<String, Section> unusualHeadings(
        List<Optional<Section>> known, Set<Integer> levels, boolean allCaps, boolean emphasised) {
      if (classifier == HeadingClassifier.NONE) {
        return Map.of();
      }
      Set<String> candidates = new LinkedHashSet<>();
      boolean afterFirstKnown = false;
      for (int i = 0; i < lines.size() && candidates.size() < MAX_CLASSIFIED_HEADINGS; i++) {
        if (known.get(i).isPresent()) {
          afterFirstKnown = true;
        } else if (afterFirstKnown
            && looksLikeUnknownHeading(lines.get(i), levels, allCaps, emphasised)) {
          candidates.add(headingText(lines.get(i)));
        }
      }
      if (candidates.isEmpty()) {
        return Map.of();
      }
      return classifier.classify(List.copyOf(candidates));
    }

    private static String headingText(Line line) {
      return line.text.replaceAll("(?<![:\\s])[:\\s]++$", "");
    }

    boolean looksLikeUnknownHeading(
        Line line, Set<Integer> levels, boolean allCaps, boolean emphasised) {
      if (line.bullet
          || line.date.isPresent()
          || line.words() > 5
          || TERMINAL.matcher(line.text).find()) {
        return false;
      }
      int level = line.source.headingLevel();
      if (level > 0 && levels.contains(level)) {
        return true;
      }
      return allCaps
          && isAllCaps(line.text)
          && line.text.replaceAll("[^\\p{L}]", "").length() >= 4
          && (!emphasised || line.emphasised())
          && !line.text.contains(",");
    }

    // --- the header block: name, headline, contact lines ---

    void readHeader(List<Line> header) {
      for (Line line : header) {
        List<String> rest = contactParts(line.text);
        for (String part : rest) {
          if (name == null && part.split("\\s+").length <= 6 && !part.matches(".*\\d.*")) {
            name = part;
          } else if (location == null
              && LOCATION.matcher(part).matches()
              && part.split("\\s+").length <= 6) {
            location = part;
          } else if (headline == null && part.split("\\s+").length <= 25) {
            headline = part;
          } else {
            summary.add(part);
          }
        }
      }
    }

    /** Takes e-mail, phone and links out of a line; returns the other parts. */
    List<String> contactParts(String line) {
      List<String> rest = new ArrayList<>();
      // Not at dashes: a headline may well say "Analyst — former nurse".
      String[] parts = CONTACT_SEPARATORS.split(line);
      for (String raw : parts) {
        String part = raw.strip();
        if (part.isEmpty()) {
          continue;
        }
        boolean contact = false;
        Matcher m = EMAIL.matcher(part);
        if (m.find()) {
          if (email == null) {
            email = m.group();
          }
          contact = true;
        }
        m = URL.matcher(part);
        while (!contact && m.find()) {
          String url = m.group().replaceAll("(?<![.)])[.)]++$", "");
          if (links.size() < 20) {
            links.add(
                new Profile.Link(
                    linkLabel(url), url.matches("(?i)https?://.*") ? url : "https://" + url));
          }
          contact = true;
        }
        if (!contact) {
          Matcher phoneMatcher = PHONE.matcher(part);
          if (phoneMatcher.find()
              && phoneMatcher.group().replaceAll("\\D", "").length() >= 7
              && phoneMatcher.group().length()
                  >= part.replaceAll(
                              "(?i)^(phone|tel|mobile|telefon|t\u00e9l\u00e9phone|tel\u00e9fono|telefone)[.:]?\\s*",
                              "")
                          .length()
                      - 2) {
            if (phone == null && phoneMatcher.group().length() <= 50) {
              phone = phoneMatcher.group().strip();
            }
            contact = true;
          }
        }
        if (!contact) {
          rest.add(
              part.replaceAll("^(?i)(address|adresse|dirección|endereço|location)[.:]\\s*", ""));
        }
      }
      return rest;
    }

    static String linkLabel(String url) {
      String lower = url.toLowerCase(Locale.ROOT);
      if (lower.contains("linkedin.")) {
        return "LinkedIn";
      }
      if (lower.contains("github.")) {
        return "GitHub";
      }
      if (lower.contains("gitlab.")) {
        return "GitLab";
      }
      return "Website";
    }

    // --- sections ---

    void readSection(Section section, String heading, List<Line> body) {
      switch (section) {
        case SUMMARY -> body.forEach(l -> summary.add(l.text));
        case CONTACT -> readHeader(body);
        case IGNORED -> {
          if (!body.isEmpty()) {
            warnings.add("the section \"" + heading + "\" is not proposed (not a career entry)");
          }
        }
        case SKILLS, LANGUAGES -> readList(section, heading, body);
        default -> readEntries(section, body);
      }
    }

    void readList(Section section, String heading, List<Line> body) {
      // A list item wrapped onto the next line (in a narrow sidebar) is one item.
      boolean bullets = body.stream().anyMatch(l -> l.bullet);
      List<Line> merged = new ArrayList<>();
      for (Line line : body) {
        Line previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        boolean wrapped =
            previous != null
                && !line.bullet
                && (bullets || Character.isLowerCase(line.text.codePointAt(0)))
                && !line.text.contains(":");
        if (wrapped) {
          merged.set(
              merged.size() - 1,
              new Line(
                  previous.source,
                  previous.text + " " + line.text,
                  previous.bullet,
                  previous.date));
        } else {
          merged.add(line);
        }
      }
      for (Line line : merged) {
        String category = null;
        String list = line.text;
        int colon = list.indexOf(':');
        if (colon > 0
            && colon < list.length() - 1
            && list.substring(0, colon).trim().split("\\s+").length <= 4) {
          category = list.substring(0, colon).strip();
          list = list.substring(colon + 1);
        }
        List<String> tags = new ArrayList<>();
        if (category != null) {
          tags.add(category);
        } else if (section == Section.LANGUAGES) {
          tags.add(heading);
        }
        for (String raw : LIST_SPLIT.split(list)) {
          String skill = raw.strip().replaceAll("(?<!\\.)\\.++$", "").strip();
          if (skill.isEmpty() || skill.length() > 100) {
            continue;
          }
          if (!skillTitles.add(skill.toLowerCase(Locale.ROOT))) {
            continue;
          }
          items.add(
              new ProposedItem(
                  skill, "skill", null, null, null, null, null, List.copyOf(tags), line.text, 0.8));
        }
      }
    }

    void readEntries(Section section, List<Line> body) {
      List<List<Line>> headers = new ArrayList<>();
      List<List<Line>> bodies = new ArrayList<>();
      Line first = null;
      List<Line> curHeader = null;
      List<Line> curBody = null;
      boolean curHasDate = false;
      // Whether the line before went to the current entry's body (only then can a line continue
      // it).
      boolean lastWasBody = false;
      // Each entry's first and last line in the section, for its source text in document order.
      List<int[]> spans = new ArrayList<>();
      for (int index = 0; index < body.size(); index++) {
        Line line = body.get(index);
        if (curHeader == null) {
          spans.add(new int[] {index, index});
        }
        int bodySize = curBody == null ? 0 : curBody.size();
        Line lastBody = bodySize == 0 ? null : curBody.get(bodySize - 1);
        boolean wasBody = lastWasBody;
        lastWasBody = true;
        if (curHeader == null) {
          first = line;
          curHeader = new ArrayList<>();
          curBody = new ArrayList<>();
          headers.add(curHeader);
          bodies.add(curBody);
          if (line.bullet) {
            curBody.add(line);
          } else {
            curHeader.add(line);
            curHasDate = line.date.isPresent();
            lastWasBody = false;
          }
          continue;
        }
        if (line.bullet) {
          curBody.add(line);
          continue;
        }
        if (wasBody && lastBody != null && isContinuation(line, lastBody)) {
          // A wrapped line belongs to the line before: one sentence, not two lines.
          Line previous = curBody.get(curBody.size() - 1);
          curBody.set(
              curBody.size() - 1,
              new Line(
                  previous.source,
                  previous.text + " " + line.text,
                  previous.bullet,
                  previous.date));
          continue;
        }
        if (!curBody.isEmpty()
            && first.emphasised()
            && !line.emphasised()
            && (line.date.isEmpty() ? line.words() > 3 : isParagraph(line))) {
          // Entries start with a styled line here: a plain one after the body is more body, even
          // a sentence with a year in it ("Authorised as a registered nurse in Norway in 2013.").
          curBody.add(line);
          continue;
        }
        boolean firstDistinct = first.emphasised() || first.date.isPresent();
        boolean newEntry =
            !curHeader.isEmpty()
                && (!curBody.isEmpty()
                    || (firstDistinct && sameStyle(line, first))
                    || (!firstDistinct && curHasDate));
        if (curHeader.isEmpty() && curBody.isEmpty()) {
          newEntry = false;
        }
        if (curBody.isEmpty()
            && curHasDate
            && line.date.isEmpty()
            && !line.emphasised()
            && sentenceLike(line)
            && !dateFollows(body, index)) {
          // A header closed by its date goes on with its text, styled or not (an OCR'd scan has
          // no bold): a line that reads as a sentence is body, unless a date line follows it,
          // which makes it the next entry's (long) title.
          curBody.add(line);
          continue;
        }
        // In a styled document a plain line of many words under a bold title is text, not header.
        boolean plainText =
            first.emphasised() && !line.emphasised() && line.date.isEmpty() && line.words() > 8;
        if (!newEntry && !curHeader.isEmpty() && (isParagraph(line) || plainText)) {
          curBody.add(line);
          continue;
        }
        if (newEntry) {
          curHeader = new ArrayList<>();
          curBody = new ArrayList<>();
          headers.add(curHeader);
          bodies.add(curBody);
          curHasDate = false;
          spans.add(new int[] {index, index});
        }
        curHeader.add(line);
        curHasDate |= line.date.isPresent();
        lastWasBody = false;
      }
      for (int k = 0; k < headers.size(); k++) {
        int end = k + 1 < spans.size() ? spans.get(k + 1)[0] : body.size();
        entry(section, headers.get(k), bodies.get(k), body.subList(spans.get(k)[0], end));
      }
    }

    boolean sameStyle(Line a, Line b) {
      return a.source.bold() == b.source.bold()
          && a.source.larger() == b.source.larger()
          && a.source.headingLevel() == b.source.headingLevel()
          && a.date.isPresent() == b.date.isPresent();
    }

    /**
     * Long, or of several words ending in punctuation or in a lowercase word ("... clinical
     * placements in medicine, surgery and community"): the way a wrapped sentence reads, not a name
     * ("Western Norway University of Applied Sciences").
     */
    boolean sentenceLike(Line line) {
      if (isParagraph(line)) {
        return true;
      }
      String text = line.text.strip();
      String lastWord = text.substring(text.lastIndexOf(' ') + 1);
      if (line.words() > 3
          && text.endsWith(".")
          && Character.isLowerCase(lastWord.codePointAt(0))) {
        // "Retrospective analysis of escalation times." — a short sentence, not "Acme Group Inc."
        return true;
      }
      if (line.words() <= 6) {
        return false;
      }
      char last = text.charAt(text.length() - 1);
      if (last == ',' || last == ';' || last == ':' || last == '.') {
        return true;
      }
      return Character.isLowerCase(lastWord.codePointAt(0));
    }

    /** The next line of the section is a short line with a date: an entry's date line. */
    static boolean dateFollows(List<Line> body, int index) {
      if (index + 1 >= body.size()) {
        return false;
      }
      Line next = body.get(index + 1);
      return next.date.isPresent() && next.words() <= 6;
    }

    boolean isParagraph(Line line) {
      return line.words() > 14 || (line.words() > 6 && line.text.endsWith("."));
    }

    boolean isContinuation(Line line, Line previous) {
      if (line.emphasised()) {
        return false;
      }
      // A wrapped paragraph: the line before was long and did not end its sentence (a wrapped
      // line may well start with a year: "... registered nurse in Norway in\n2013.").
      if (!TERMINAL.matcher(previous.text).find() && previous.words() > 6) {
        return true;
      }
      return line.date.isEmpty() && Character.isLowerCase(line.text.codePointAt(0));
    }

    void entry(Section section, List<Line> header, List<Line> body, List<Line> source) {
      Optional<DateRanges.Found> date = Optional.empty();
      // The header lines without the date: each a piece of text of the document.
      List<String> texts = new ArrayList<>();
      for (Line line : header) {
        String text = line.text;
        if (date.isEmpty() && line.date.isPresent()) {
          date = line.date;
          DateRanges.Found found = line.date.get();
          texts.add(text.substring(0, Math.min(found.start(), text.length())));
          texts.add(text.substring(Math.min(found.end(), text.length())));
        } else {
          texts.add(text);
        }
      }
      List<String> pieces = new ArrayList<>();
      for (String text : texts) {
        for (String cell : text.split("\t+")) {
          String t = trimDecoration(cell);
          if (!t.isEmpty()) {
            pieces.add(t);
          }
        }
      }
      List<String> parts = new ArrayList<>();
      if (pieces.size() >= 2) {
        // Title and organization on lines (or cells) of their own: each line is one field, as it
        // stands; only a trailing place goes ("Acme GmbH, Berlin").
        parts.add(pieces.get(0));
        parts.add(withoutPlace(pieces.get(1)));
      } else if (pieces.size() == 1) {
        parts.addAll(split(pieces.get(0), section));
      }
      List<String> bodyLines = new ArrayList<>();
      for (Line line : body) {
        bodyLines.add(line.text);
      }
      String title = parts.isEmpty() ? null : parts.get(0);
      String organization = parts.size() > 1 ? parts.get(1) : null;
      // "Acme Corp" above "Senior Engineer", "University of Bergen" above "Master's ...": the
      // second line names the role, so the first is the organization.
      if (title != null
          && organization != null
          && ROLE_WORDS.matcher(organization).find()
          && !ROLE_WORDS.matcher(title).find()) {
        String swap = title;
        title = organization;
        organization = swap;
      }
      if (title == null && !bodyLines.isEmpty()) {
        title = leadingWords(bodyLines.get(0), 12);
      }
      if (title == null) {
        return;
      }
      if (title.length() > 300) {
        title = leadingWords(title, 30);
      }
      if (organization != null && organization.length() > 300) {
        organization = null;
      }
      String description = bodyLines.isEmpty() ? null : String.join("\n", bodyLines);
      String content = null;
      if (description != null && description.length() > 10_000) {
        content = description;
        description = null;
      }
      StringBuilder sourceText = new StringBuilder();
      for (Line line : source) {
        sourceText.append(line.bullet ? "\u2022 " : "").append(line.text).append('\n');
      }
      double confidence = 0.4;
      if (organization != null) {
        confidence += 0.2;
      }
      if (date.isPresent()) {
        confidence += 0.2;
      }
      if (!bodyLines.isEmpty()) {
        confidence += 0.1;
      }
      if (section != Section.OTHER) {
        confidence += 0.05;
      }
      String type = section.artifactType().orElse("other");
      items.add(
          new ProposedItem(
              title,
              type,
              organization,
              date.map(DateRanges.Found::from).orElse(null),
              date.map(DateRanges.Found::to).orElse(null),
              description,
              content,
              List.of(),
              sourceText.toString().strip(),
              Math.round(confidence * 100) / 100.0));
    }

    /** One line holding both title and organization: split at a separator, if one fits. */
    List<String> split(String text, Section section) {
      String[] split = PART_SEPARATORS.split(text);
      List<String> found = new ArrayList<>();
      for (String s : split) {
        String t = trimDecoration(s);
        if (!t.isEmpty()) {
          found.add(t);
        }
      }
      // "Horario Fallas — open-source festival guide": what follows is no organization's name.
      if (found.size() > 1 && found.stream().skip(1).anyMatch(f -> startsLower(f))) {
        found = List.of(text);
      }
      if (found.size() == 1 && (section == Section.PUBLICATIONS || section == Section.TALKS)) {
        int stop = text.indexOf(". ");
        if (stop > 0) {
          return List.of(text.substring(0, stop).strip(), trimDecoration(text.substring(stop + 1)));
        }
      }
      if (found.size() == 1 && text.contains(", ")) {
        // "Senior Engineer, Acme Corp": a comma splits only a role from a named organization.
        int comma = text.indexOf(", ");
        String first = text.substring(0, comma).strip();
        String rest = withoutPlace(trimDecoration(text.substring(comma + 2)));
        if (!rest.isEmpty()
            && !startsLower(rest)
            && (ROLE_WORDS.matcher(first).find() || ORG_WORDS.matcher(rest).find())) {
          return List.of(first, rest);
        }
      }
      return found;
    }

    static boolean startsLower(String text) {
      return !text.isEmpty() && Character.isLowerCase(text.codePointAt(0));
    }

    /** "Acme GmbH, Berlin" → "Acme GmbH": a short capitalised tail after a comma is a place. */
    static String withoutPlace(String organization) {
      int comma = organization.lastIndexOf(", ");
      if (comma <= 0) {
        return organization;
      }
      String tail = organization.substring(comma + 2).strip();
      String[] words = tail.split("\\s+");
      boolean place =
          words.length <= 3
              && !ORG_WORDS.matcher(tail).find()
              && java.util.Arrays.stream(words)
                  .allMatch(w -> Character.isUpperCase(w.codePointAt(0)));
      return place ? organization.substring(0, comma).strip() : organization;
    }

    static String trimDecoration(String text) {
      return text.replaceAll(
          // The trailing run is tried from its start only (possessive): linear, same result.
          "^[\\s,;:|\u00B7\u2022\u2013\u2014)\\]-]+"
              + "|(?<![\\s,;:|\u00B7\u2022\u2013\u2014(\\[-])[\\s,;:|\u00B7\u2022\u2013\u2014(\\[-]++$",
          "");
    }

    static String leadingWords(String text, int max) {
      String[] words = text.strip().split("\\s+");
      if (words.length <= max) {
        return text.strip();
      }
      int end = 0;
      String stripped = text.strip();
      for (int w = 0, pos = 0; w < max; w++) {
        pos = stripped.indexOf(words[w], pos) + words[w].length();
        end = pos;
      }
      return stripped.substring(0, end);
    }
  }

  static boolean isAllCaps(String text) {
    String letters = text.replaceAll("[^\\p{L}]", "");
    return !letters.isEmpty() && letters.equals(letters.toUpperCase(Locale.ROOT));
  }
}
