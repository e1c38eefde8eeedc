package io.cvtailor.artifacts.internal.resume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.JsonResume;
import io.cvtailor.kernel.text.Lines;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The section table of JSON Resume (https://jsonresume.org/schema) against artifact columns, and
 * the rules reading and writing share: how an education title is made, a location line, link
 * labels, tags and list content as stored. See {@link JsonResume} for the mapping as a whole.
 */
public final class ResumeMapping {
  static final ObjectMapper JSON = new ObjectMapper();

  private ResumeMapping() {}

  /** How one section maps onto artifact columns: the source field of each column. */
  public record Section(
      String name,
      ArtifactType type,
      String title,
      String organization,
      String description,
      String started,
      String ended,
      String list) {}

  static final List<Section> SECTIONS =
      List.of(
          new Section(
              "work",
              ArtifactType.EXPERIENCE,
              "position",
              "name",
              "summary",
              "startDate",
              "endDate",
              "highlights"),
          new Section(
              "volunteer",
              ArtifactType.VOLUNTEER,
              "position",
              "organization",
              "summary",
              "startDate",
              "endDate",
              "highlights"),
          // education's title is made of studyType and area (see educationTitle)
          new Section(
              "education",
              ArtifactType.EDUCATION,
              "area",
              "institution",
              "summary",
              "startDate",
              "endDate",
              "courses"),
          new Section(
              "awards", ArtifactType.AWARD, "title", "awarder", "summary", "date", "endDate", null),
          new Section(
              "certificates",
              ArtifactType.CERTIFICATION,
              "name",
              "issuer",
              "summary",
              "date",
              "endDate",
              null),
          new Section(
              "publications",
              ArtifactType.PUBLICATION,
              "name",
              "publisher",
              "summary",
              "releaseDate",
              "endDate",
              null),
          new Section(
              "skills",
              ArtifactType.SKILL,
              "name",
              "organization",
              "summary",
              "startDate",
              "endDate",
              null),
          new Section(
              "projects",
              ArtifactType.PROJECT,
              "name",
              "entity",
              "description",
              "startDate",
              "endDate",
              "highlights"));

  /** Top-level keys in the order of the schema, for a readable export. */
  static final List<String> ORDER =
      List.of(
          "work",
          "volunteer",
          "education",
          "awards",
          "certificates",
          "publications",
          "skills",
          "languages",
          "interests",
          "references",
          "projects",
          "meta");

  /**
   * The highlights of an artifact's content: its non-blank lines, without a leading {@code "- "}.
   * Null for no content.
   */
  public static List<String> highlights(String content) {
    if (content == null) {
      return null;
    }
    return content
        .lines()
        .filter(line -> !line.isBlank())
        .map(line -> line.startsWith("- ") ? line.substring(2) : line.strip())
        .toList();
  }

  /** The content an imported list becomes (as stored: stripped, null when empty). */
  public static String contentOf(List<String> list) {
    if (list == null || list.isEmpty()) {
      return null;
    }
    String content = list.stream().map(item -> "- " + item).collect(Collectors.joining("\n"));
    return content.isBlank() ? null : content.strip();
  }

  public static Optional<Section> section(String name) {
    return SECTIONS.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public static Section sectionOf(String artifactType) {
    ArtifactType type = ArtifactType.fromValue(artifactType).orElse(ArtifactType.OTHER);
    ArtifactType sectionType =
        type == ArtifactType.TALK || type == ArtifactType.OTHER ? ArtifactType.PROJECT : type;
    return SECTIONS.stream().filter(s -> s.type() == sectionType).findFirst().orElseThrow();
  }

  /** "Bachelor in Computer Science", or whichever of the two is given. */
  public static String educationTitle(String studyType, String area) {
    boolean hasType = studyType != null && !studyType.isBlank();
    boolean hasArea = area != null && !area.isBlank();
    if (hasType && hasArea) {
      return studyType.strip() + " in " + area.strip();
    }
    return hasType ? studyType.strip() : hasArea ? area.strip() : null;
  }

  /** The one-line location of the profile: "city, region, countryCode", else the address. */
  public static String locationText(JsonNode location) {
    if (location == null || location.isNull()) {
      return null;
    }
    if (location.isTextual()) {
      return location.textValue();
    }
    String line =
        Stream.of("city", "region", "countryCode")
            .map(key -> textOf(location, key))
            .filter(text -> text != null && !text.isBlank())
            .map(String::strip)
            .collect(Collectors.joining(", "));
    if (line.isEmpty()) {
      String address = textOf(location, "address");
      line = address == null ? "" : Lines.joined(address.strip(), ", ");
    }
    return line.isEmpty() ? null : line;
  }

  public static String linkLabel(String network, String username) {
    if (network != null && !network.isBlank()) {
      return network;
    }
    return username != null && !username.isBlank() ? username : "Profile";
  }

  /** As stored: stripped and without repeats. */
  public static List<String> normaliseTags(List<String> tags) {
    return tags.stream().map(t -> t == null ? null : t.strip()).distinct().toList();
  }

  public static String textOf(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  public static void putText(ObjectNode node, String key, String value) {
    if (key != null && value != null) {
      node.put(key, value);
    }
  }

  public static List<String> strings(Object value) {
    if (!(value instanceof List<?> list) || !list.stream().allMatch(i -> i instanceof String)) {
      return null;
    }
    return list.stream().map(String.class::cast).toList();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  public static Map<String, Object> map(Map<String, Object> values, String key) {
    return map(values.get(key));
  }

  public static Object plain(JsonNode value) {
    return JSON.convertValue(value, Object.class);
  }
}
