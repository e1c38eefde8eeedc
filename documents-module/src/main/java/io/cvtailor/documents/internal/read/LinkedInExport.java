package io.cvtailor.documents.internal.read;

import io.cvtailor.artifacts.Profile;
import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.ProposedItem;
import io.cvtailor.documents.internal.parse.DateRanges;
import io.cvtailor.documents.internal.parse.ParsedCv;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A LinkedIn data export (the ZIP from "Get a copy of your data"): its CSV files, one row per
 * entry, mapped column by column, so nothing is guessed. The extracted text lists every row as
 * {@code column: value} lines under its file's name.
 */
public final class LinkedInExport {
  private LinkedInExport() {}

  /** What one CSV file becomes: the artifact type and which columns hold which field. */
  private record Mapping(
      String file,
      String type,
      String title,
      String organization,
      String start,
      String end,
      String description,
      String url,
      String tagColumn) {}

  private static final List<Mapping> MAPPINGS =
      List.of(
          new Mapping(
              "Positions",
              "experience",
              "Title",
              "Company Name",
              "Started On",
              "Finished On",
              "Description",
              null,
              null),
          new Mapping(
              "Education",
              "education",
              "Degree Name",
              "School Name",
              "Start Date",
              "End Date",
              "Notes",
              null,
              null),
          new Mapping(
              "Projects",
              "project",
              "Title",
              null,
              "Started On",
              "Finished On",
              "Description",
              "Url",
              null),
          new Mapping(
              "Publications",
              "publication",
              "Name",
              "Publisher",
              "Published On",
              null,
              "Description",
              "Url",
              null),
          new Mapping(
              "Certifications",
              "certification",
              "Name",
              "Authority",
              "Started On",
              "Finished On",
              null,
              "Url",
              null),
          new Mapping(
              "Honors", "award", "Title", null, "Issued On", null, "Description", null, null),
          new Mapping(
              "Volunteering",
              "volunteer",
              "Role",
              "Company Name",
              "Started On",
              "Finished On",
              "Description",
              null,
              null),
          new Mapping("Skills", "skill", "Name", null, null, null, null, null, null),
          new Mapping("Languages", "skill", "Name", null, null, null, null, null, "Proficiency"));

  /** Whether the ZIP holds LinkedIn's CSV files. */
  public static boolean looksLikeExport(Map<String, byte[]> csvFiles) {
    return csvFiles.keySet().stream()
        .map(LinkedInExport::baseName)
        .anyMatch(
            n ->
                n.equals("Positions")
                    || n.equals("Profile")
                    || n.equals("Skills")
                    || n.equals("Education"));
  }

  static String baseName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.toLowerCase(Locale.ROOT).endsWith(".csv")
        ? name.substring(0, name.length() - 4)
        : name;
  }

  public static Map<String, byte[]> csvFiles(byte[] zip) {
    return SafeZip.entries(zip, name -> name.toLowerCase(Locale.ROOT).endsWith(".csv"));
  }

  public static ParsedCv read(Map<String, byte[]> files) {
    Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      tables.put(baseName(file.getKey()), rows(PlainText.decode(file.getValue())));
    }
    StringBuilder text = new StringBuilder();
    List<ProposedItem> items = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Profile profile = profile(tables, text);
    for (Mapping m : MAPPINGS) {
      List<Map<String, String>> rows = tables.get(m.file);
      if (rows == null) {
        continue;
      }
      text.append(m.file).append('\n');
      for (Map<String, String> row : rows) {
        StringBuilder source = new StringBuilder();
        row.forEach(
            (column, value) -> {
              if (!value.isBlank()) {
                source.append(column).append(": ").append(value).append('\n');
              }
            });
        text.append(source).append('\n');
        String title = value(row, m.title);
        if (title == null && m.file.equals("Education")) {
          title = value(row, "School Name");
        }
        if (title == null) {
          if (!source.isEmpty()) {
            warnings.add("a row of " + m.file + ".csv has no " + m.title + "; it is not proposed");
          }
          continue;
        }
        String start =
            m.start == null ? null : DateRanges.parseSingle(value(row, m.start)).orElse(null);
        String end = m.end == null ? null : DateRanges.parseSingle(value(row, m.end)).orElse(null);
        List<String> tags = new ArrayList<>();
        if (m.tagColumn != null && value(row, m.tagColumn) != null) {
          tags.add(value(row, m.tagColumn));
        }
        String organization = m.organization == null ? null : value(row, m.organization);
        if (organization != null && organization.equals(title)) {
          organization = null;
        }
        items.add(
            new ProposedItem(
                title,
                m.type,
                organization,
                start,
                end,
                value(row, m.description),
                null,
                tags,
                source.toString().strip(),
                0.95));
      }
    }
    if (items.isEmpty() && profile.name() == null) {
      throw new DocumentRejectedException(
          Kind.NO_TEXT,
          "the LinkedIn export has no positions, education, skills or profile to read");
    }
    return new ParsedCv("linkedin", profile, items, warnings, text.toString());
  }

  private static Profile profile(
      Map<String, List<Map<String, String>>> tables, StringBuilder text) {
    List<Map<String, String>> rows = tables.get("Profile");
    String name = null;
    String headline = null;
    String summary = null;
    String location = null;
    List<Profile.Link> links = new ArrayList<>();
    if (rows != null && !rows.isEmpty()) {
      Map<String, String> row = rows.get(0);
      text.append("Profile\n");
      row.forEach(
          (column, value) -> {
            if (!value.isBlank()) {
              text.append(column).append(": ").append(value).append('\n');
            }
          });
      text.append('\n');
      String first = value(row, "First Name");
      String last = value(row, "Last Name");
      if (first != null || last != null) {
        name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
      }
      headline = value(row, "Headline");
      summary = value(row, "Summary");
      location = value(row, "Geo Location");
      String websites = value(row, "Websites");
      if (websites != null) {
        // LinkedIn writes "[PORTFOLIO:https://...,BLOG:https://...]".
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("https?://[^\\s,\\]]+").matcher(websites);
        while (m.find() && links.size() < 20) {
          links.add(new Profile.Link("Website", m.group()));
        }
      }
    }
    String email = null;
    List<Map<String, String>> emails = tables.get("Email Addresses");
    if (emails != null) {
      for (Map<String, String> row : emails) {
        String address = value(row, "Email Address");
        if (address != null && (email == null || "Yes".equalsIgnoreCase(value(row, "Primary")))) {
          email = address;
        }
      }
      if (email != null) {
        text.append("Email Addresses\nEmail Address: ").append(email).append("\n\n");
      }
    }
    return new Profile(name, headline, email, null, location, summary, links);
  }

  private static String value(Map<String, String> row, String column) {
    if (column == null) {
      return null;
    }
    String value = row.get(column);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * The rows as column → value maps. Some export files start with a few lines of notes before the
   * header row; the header is the first line that has a comma outside quotes and no "Notes:".
   */
  static List<Map<String, String>> rows(String csv) {
    String body = csv;
    while (body.startsWith("Notes:") || body.startsWith("\"Notes:")) {
      int blank = body.indexOf("\n\n");
      if (blank < 0) {
        return List.of();
      }
      body = body.substring(blank + 2);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    try (CSVParser parser =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true)
            .setTrim(true)
            .get()
            .parse(new StringReader(body))) {
      for (CSVRecord record : parser) {
        if (rows.size() >= 2_000) {
          break;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : record.toMap().entrySet()) {
          if (e.getKey() != null && !e.getKey().isBlank()) {
            row.put(e.getKey().strip(), e.getValue() == null ? "" : e.getValue());
          }
        }
        rows.add(row);
      }
    } catch (IOException | RuntimeException e) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE, "a CSV file of the LinkedIn export cannot be read: " + e.getMessage());
    }
    return rows;
  }
}
