package io.cvtailor.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.text.Lines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one mapping between a JSON Resume document (https://jsonresume.org/schema) and a user's
 * profile and artifacts, used by import, export and (later) CV rendering. Pure: no database, no
 * web.
 *
 * <ul>
 *   <li>Sections: {@code work}→experience, {@code volunteer}→volunteer, {@code
 *       education}→education, {@code awards}→award, {@code certificates}→certification, {@code
 *       publications}→publication, {@code skills}→skill, {@code projects}→project (a project whose
 *       {@code type} is {@code talk} or {@code other} becomes that type; talks and others are
 *       exported as such projects).
 *   <li>Columns: each section names its title, organization, summary and date fields (e.g. {@code
 *       work.position}, {@code work.name}, {@code work.summary}, {@code work.startDate}); {@code
 *       url}→url, {@code keywords}→tags, and the list ({@code highlights}, {@code courses}) becomes
 *       the content as {@code "- "} bullet lines, so it is embedded and searched.
 *   <li>Every other field of an entry is kept in the artifact's {@code metadata.json_resume} and
 *       written back on export, so nothing is lost; a list is kept there too when its bullet lines
 *       would not give it back exactly.
 *   <li>{@code basics} fills the profile (fields present replace, absent ones are kept): {@code
 *       label}→headline, {@code url} and {@code profiles[].url}→links, {@code location}→a one-line
 *       location; the rest of basics and the other top-level keys ({@code languages}, {@code
 *       interests}, {@code references}, {@code meta}, ...) are kept as the user's resume extras.
 *   <li>What JSON Resume has no field for (visibility, user metadata, content that is not a bullet
 *       list) travels in an entry's {@value #EXTENSION} object, so an export imports back as is.
 * </ul>
 */
public final class JsonResume {
  /** Per-entry extension object carrying what JSON Resume has no field for. */
  public static final String EXTENSION = "x-cvtailor";

  /** The key in an artifact's metadata under which an entry's unmapped fields are kept. */
  public static final String METADATA_KEY = "json_resume";

  /** The label of the profile link made from {@code basics.url}. */
  public static final String WEBSITE_LABEL = "Website";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How one section maps onto artifact columns: the source field of each column. */
  private record Section(
      String name,
      ArtifactType type,
      String title,
      String organization,
      String description,
      String started,
      String ended,
      String list) {}

  private static final List<Section> SECTIONS =
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
  private static final List<String> ORDER =
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

  private JsonResume() {}

  /**
   * What a document contributes.
   *
   * @param basics the profile fields given in {@code basics} (null fields were absent; null links:
   *     no link fields), or null when the document has no basics
   * @param linkPaths where each of {@code basics.links()} came from, e.g. {@code
   *     basics.profiles[2]}
   * @param extras top-level fields with no column (under {@code basics}: the unmapped part of
   *     basics); they replace the user's stored extras key by key
   * @param items one per section entry, with the section's field names for errors
   * @param errors entries or fields of the wrong JSON type; the document must not be imported
   */
  public record Contents(
      Profile basics,
      List<String> linkPaths,
      Map<String, Object> extras,
      List<ImportItem> items,
      List<FieldError> errors) {}

  /** Reads a document; never throws for bad input but reports it in {@link Contents#errors()}. */
  public static Contents read(JsonNode document) {
    List<FieldError> errors = new ArrayList<>();
    List<ImportItem> items = new ArrayList<>();
    List<String> linkPaths = new ArrayList<>();
    Map<String, Object> extras = new LinkedHashMap<>();
    Profile basics = null;
    if (document == null || !document.isObject()) {
      errors.add(new FieldError("body", "must be a JSON Resume document (a JSON object)"));
      return new Contents(null, linkPaths, extras, items, errors);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      Optional<Section> section = section(key);
      if (key.equals("basics")) {
        if (value.isObject()) {
          Map<String, Object> unmapped = new LinkedHashMap<>();
          basics = readBasics((ObjectNode) value, linkPaths, unmapped, errors);
          extras.put("basics", unmapped);
        } else if (!value.isNull()) {
          errors.add(new FieldError("basics", "must be an object"));
        }
      } else if (section.isPresent()) {
        if (!value.isArray()) {
          if (!value.isNull()) {
            errors.add(new FieldError(key, "must be an array of objects"));
          }
          continue;
        }
        for (int i = 0; i < value.size(); i++) {
          String path = key + "[" + i + "]";
          if (value.get(i).isObject()) {
            readEntry(section.get(), path, (ObjectNode) value.get(i), errors).ifPresent(items::add);
          } else {
            errors.add(new FieldError(path, "must be an object"));
          }
        }
      } else {
        extras.put(key, plain(value));
      }
    }
    return new Contents(basics, linkPaths, extras, items, errors);
  }

  /** The profile after an import: the fields {@code basics} gives replace those of current. */
  public static Profile fill(Profile current, Profile basics) {
    Profile base = current == null ? Profile.empty() : current;
    return new Profile(
        or(basics.name(), base.name()),
        or(basics.headline(), base.headline()),
        or(basics.email(), base.email()),
        or(basics.phone(), base.phone()),
        or(basics.location(), base.location()),
        or(basics.summary(), base.summary()),
        basics.links() != null ? basics.links() : base.links());
  }

  /** A profile field error named as the document names it: {@code links[1].url} → …. */
  public static String basicsField(String profileField, List<String> linkPaths) {
    Matcher link = Pattern.compile("links\\[(\\d+)](.*)").matcher(profileField);
    if (link.matches()) {
      int index = Integer.parseInt(link.group(1));
      if (index >= linkPaths.size()) {
        return "basics.profiles";
      }
      String path = linkPaths.get(index);
      if (path.equals("basics.url")) {
        return path;
      }
      return path + (link.group(2).equals(".label") ? ".network" : link.group(2));
    }
    return switch (profileField) {
      case "headline" -> "basics.label";
      case "links" -> "basics.profiles";
      default -> "basics." + profileField;
    };
  }

  /**
   * The JSON Resume document of a profile, its stored extras and artifacts (each in its section, in
   * the given order).
   */
  public static ObjectNode write(
      Profile profile, Map<String, Object> extras, List<Artifact> artifacts) {
    Map<String, Object> stored = extras == null ? Map.of() : extras;
    ObjectNode document = JSON.createObjectNode();
    if (stored.containsKey("$schema")) {
      document.set("$schema", JSON.valueToTree(stored.get("$schema")));
    }
    document.set(
        "basics", writeBasics(profile == null ? Profile.empty() : profile, map(stored, "basics")));
    Map<String, ArrayNode> sections = new HashMap<>();
    for (Artifact artifact : artifacts) {
      Section section = sectionOf(artifact.artifactType());
      sections
          .computeIfAbsent(section.name(), name -> JSON.createArrayNode())
          .add(writeEntry(section, artifact));
    }
    for (String key : ORDER) {
      if (sections.containsKey(key)) {
        document.set(key, sections.get(key));
      } else if (stored.containsKey(key) && section(key).isEmpty()) {
        document.set(key, JSON.valueToTree(stored.get(key)));
      }
    }
    stored.forEach(
        (key, value) -> {
          if (!document.has(key) && !key.equals("basics") && section(key).isEmpty()) {
            document.set(key, JSON.valueToTree(value));
          }
        });
    return document;
  }

  /** The JSON Resume section an artifact type is exported to. */
  public static String sectionName(ArtifactType type) {
    return sectionOf(type.value()).name();
  }

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
  static String contentOf(List<String> list) {
    if (list == null || list.isEmpty()) {
      return null;
    }
    String content = list.stream().map(item -> "- " + item).collect(Collectors.joining("\n"));
    return content.isBlank() ? null : content.strip();
  }

  // ---------------------------------------------------------------------------------------------
  // Import

  private static Profile readBasics(
      ObjectNode node,
      List<String> linkPaths,
      Map<String, Object> unmapped,
      List<FieldError> errors) {
    Fields in = new Fields("basics", node, errors);
    String name = in.text("name");
    String label = in.text("label");
    String email = in.text("email");
    String phone = in.text("phone");
    String summary = in.text("summary");
    String url = in.text("url");
    List<Profile.Link> links = null;
    if (url != null && !url.isBlank()) {
      links = new ArrayList<>();
      links.add(new Profile.Link(WEBSITE_LABEL, url));
      linkPaths.add("basics.url");
      unmapped.put("url", url);
    }
    String location = null;
    JsonNode locationNode = in.take("location");
    if (locationNode != null) {
      if (locationNode.isObject() || locationNode.isTextual()) {
        location = locationText(locationNode);
        unmapped.put("location", plain(locationNode));
      } else {
        in.fail("location", "must be an object");
      }
    }
    JsonNode profiles = in.take("profiles");
    if (profiles != null) {
      if (profiles.isArray()) {
        links = links == null ? new ArrayList<>() : links;
        for (int i = 0; i < profiles.size(); i++) {
          String path = "basics.profiles[" + i + "]";
          if (!profiles.get(i).isObject()) {
            errors.add(new FieldError(path, "must be an object"));
            continue;
          }
          Fields profile = new Fields(path, (ObjectNode) profiles.get(i), errors);
          String network = profile.text("network");
          String username = profile.text("username");
          String profileUrl = profile.text("url");
          if (profileUrl != null && !profileUrl.isBlank()) {
            links.add(new Profile.Link(linkLabel(network, username), profileUrl));
            linkPaths.add(path);
          }
        }
        unmapped.put("profiles", plain(profiles));
      } else {
        in.fail("profiles", "must be an array of objects");
      }
    }
    unmapped.putAll(in.rest());
    return new Profile(name, label, email, phone, location, summary, links);
  }

  private static Optional<ImportItem> readEntry(
      Section section, String path, ObjectNode entry, List<FieldError> errors) {
    int errorsBefore = errors.size();
    Fields in = new Fields(path, entry, errors);
    Map<String, String> source = new HashMap<>();
    String organization = in.text(section.organization());
    String title;
    if (section.type() == ArtifactType.EDUCATION) {
      // studyType and area stay in the metadata: the title is made of them
      title = educationTitle(in.peek("studyType"), in.peek("area"));
    } else {
      title = in.text(section.title());
    }
    if (title == null || title.isBlank()) {
      title = organization;
    }
    String description = in.text(section.description());
    String started = in.text(section.started());
    String ended = in.text(section.ended());
    String url = in.text("url");
    List<String> list = section.list() == null ? null : in.texts(section.list());
    List<String> keywords = in.texts("keywords");
    ObjectNode extension = in.object(EXTENSION);
    ArtifactType type = section.type();
    if (section.name().equals("projects")) {
      // a talk or other project becomes that type (and the export writes the type back)
      String projectType = in.peek("type");
      if (ArtifactType.TALK.value().equals(projectType)
          || ArtifactType.OTHER.value().equals(projectType)) {
        type = ArtifactType.fromValue(in.text("type")).orElseThrow();
      }
    }
    String content = contentOf(list);
    String visibility = null;
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (extension != null) {
      Fields ext = new Fields(path + "." + EXTENSION, extension, errors);
      visibility = ext.text("visibility");
      String exactContent = ext.text("content");
      if (exactContent != null) {
        content = exactContent;
        list = null; // the list was derived from this content on export
        source.put("content", EXTENSION + ".content");
      }
      ObjectNode userMetadata = ext.object("metadata");
      if (userMetadata != null) {
        metadata.putAll(map(plain(userMetadata)));
      }
    }
    if (errors.size() > errorsBefore) {
      return Optional.empty();
    }
    Map<String, Object> unmapped = in.rest();
    if (list != null && !list.equals(highlights(contentOf(list)))) {
      unmapped.put(section.list(), list);
    }
    if (keywords != null && !keywords.equals(normaliseTags(keywords))) {
      unmapped.put("keywords", keywords);
    }
    if (!unmapped.isEmpty()) {
      metadata.put(METADATA_KEY, unmapped);
    }
    source.put("title", section.title());
    source.put("organization", section.organization());
    source.put("description", section.description());
    source.putIfAbsent("content", section.list() == null ? EXTENSION + ".content" : section.list());
    source.put("started_on", section.started());
    source.put("ended_on", section.ended());
    source.put("tags", "keywords");
    source.put("visibility", EXTENSION + ".visibility");
    source.put("metadata", EXTENSION + ".metadata");
    ArtifactDraft draft =
        new ArtifactDraft(
            title,
            type.value(),
            description,
            content,
            organization,
            url,
            started,
            ended,
            keywords,
            visibility,
            metadata.isEmpty() ? null : metadata,
            null);
    return Optional.of(new ImportItem(path, draft, source));
  }

  /** The fields of one JSON object, read with type checks; what is not read is "the rest". */
  private static final class Fields {
    final String path;
    final ObjectNode node;
    final List<FieldError> errors;
    final Set<String> taken = new HashSet<>();
    boolean failed;

    Fields(String path, ObjectNode node, List<FieldError> errors) {
      this.path = path;
      this.node = node;
      this.errors = errors;
    }

    /** A field that maps to a column: it will not be part of the rest. */
    JsonNode take(String key) {
      taken.add(key);
      JsonNode value = node.get(key);
      return value == null || value.isNull() ? null : value;
    }

    String text(String key) {
      return key == null ? null : asText(key, take(key));
    }

    /** A string field that stays part of the rest. */
    String peek(String key) {
      JsonNode value = node.get(key);
      return value == null || value.isNull() ? null : asText(key, value);
    }

    List<String> texts(String key) {
      JsonNode value = take(key);
      if (value == null) {
        return null;
      }
      if (!value.isArray()) {
        fail(key, "must be an array of strings");
        return null;
      }
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        if (!value.get(i).isTextual()) {
          fail(key + "[" + i + "]", "must be a string");
          return null;
        }
        texts.add(value.get(i).textValue());
      }
      return texts;
    }

    ObjectNode object(String key) {
      JsonNode value = take(key);
      if (value != null && !value.isObject()) {
        fail(key, "must be an object");
        return null;
      }
      return (ObjectNode) value;
    }

    Map<String, Object> rest() {
      Map<String, Object> rest = new LinkedHashMap<>();
      node.fields()
          .forEachRemaining(
              field -> {
                if (!taken.contains(field.getKey())) {
                  rest.put(field.getKey(), plain(field.getValue()));
                }
              });
      return rest;
    }

    void fail(String key, String message) {
      failed = true;
      errors.add(new FieldError(path + "." + key, message));
    }

    private String asText(String key, JsonNode value) {
      if (value == null) {
        return null;
      }
      if (!value.isTextual()) {
        fail(key, "must be a string");
        return null;
      }
      return value.textValue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Export

  private static ObjectNode writeBasics(Profile profile, Map<String, Object> stored) {
    ObjectNode basics = JSON.createObjectNode();
    putText(basics, "name", profile.name());
    putText(basics, "label", profile.headline());
    if (stored.containsKey("image")) {
      basics.set("image", JSON.valueToTree(stored.get("image")));
    }
    putText(basics, "email", profile.email());
    putText(basics, "phone", profile.phone());
    List<Profile.Link> links = profile.linksOrEmpty();
    boolean[] used = new boolean[links.size()];
    String website = stored.get("url") instanceof String text ? text : null;
    int websiteLink = unusedLink(links, used, website);
    if (websiteLink >= 0) {
      used[websiteLink] = true;
      basics.put("url", website);
    }
    putText(basics, "summary", profile.summary());
    if (profile.location() != null) {
      JsonNode location =
          stored.containsKey("location") ? JSON.valueToTree(stored.get("location")) : null;
      basics.set(
          "location",
          location != null && profile.location().equals(locationText(location))
              ? location
              : JSON.createObjectNode().put("city", profile.location()));
    }
    ArrayNode profiles = JSON.createArrayNode();
    if (stored.get("profiles") instanceof List<?> storedProfiles) {
      for (Object item : storedProfiles) {
        if (!(JSON.valueToTree(item) instanceof ObjectNode entry)) {
          continue;
        }
        String url = entry.path("url").isTextual() ? entry.get("url").textValue() : null;
        if (url == null || url.isBlank()) {
          profiles.add(entry); // it never became a link (no url): kept as it came
          continue;
        }
        int link = unusedLink(links, used, url);
        if (link >= 0) {
          used[link] = true;
          String label = links.get(link).label();
          if (!label.equals(linkLabel(textOf(entry, "network"), textOf(entry, "username")))) {
            entry.put("network", label);
          }
          profiles.add(entry);
        }
      }
    }
    for (int i = 0; i < links.size(); i++) {
      if (!used[i]) {
        profiles.add(
            JSON.createObjectNode()
                .put("network", links.get(i).label())
                .put("url", links.get(i).url()));
      }
    }
    if (!profiles.isEmpty() || stored.containsKey("profiles")) {
      basics.set("profiles", profiles);
    }
    stored.forEach(
        (key, value) -> {
          if (!basics.has(key) && !Set.of("url", "location", "profiles").contains(key)) {
            basics.set(key, JSON.valueToTree(value));
          }
        });
    return basics;
  }

  private static ObjectNode writeEntry(Section section, Artifact artifact) {
    Map<String, Object> metadata = artifact.metadata() == null ? Map.of() : artifact.metadata();
    Map<String, Object> stored = map(metadata.get(METADATA_KEY));
    Map<String, Object> userMetadata = new LinkedHashMap<>(metadata);
    userMetadata.remove(METADATA_KEY);
    ObjectNode entry = JSON.createObjectNode();
    ObjectNode extension = JSON.createObjectNode();
    Set<String> superseded = new HashSet<>();

    if (section.type() == ArtifactType.EDUCATION) {
      String studyType = stored.get("studyType") instanceof String text ? text : null;
      String area = stored.get("area") instanceof String text ? text : null;
      if ((studyType == null && area == null)
          || !artifact.title().equals(educationTitle(studyType, area))) {
        entry.put("area", artifact.title()); // the title was edited: it wins
        superseded.addAll(List.of("studyType", "area"));
      }
    } else {
      entry.put(section.title(), artifact.title());
    }
    putText(entry, section.organization(), artifact.organization());
    putText(entry, "url", artifact.url());
    putText(entry, section.started(), artifact.startedOn());
    putText(entry, section.ended(), artifact.endedOn());
    putText(entry, section.description(), artifact.description());

    if (section.list() != null) {
      List<String> storedList = strings(stored.get(section.list()));
      if (storedList != null && Objects.equals(contentOf(storedList), artifact.content())) {
        entry.set(section.list(), JSON.valueToTree(storedList));
      } else {
        superseded.add(section.list()); // the content was edited since: it wins
        if (artifact.content() != null) {
          List<String> derived = highlights(artifact.content());
          entry.set(section.list(), JSON.valueToTree(derived));
          if (!artifact.content().equals(contentOf(derived))) {
            extension.put("content", artifact.content());
          }
        }
      }
    } else if (artifact.content() != null) {
      extension.put("content", artifact.content());
    }

    List<String> storedKeywords = strings(stored.get("keywords"));
    if (storedKeywords != null && normaliseTags(storedKeywords).equals(artifact.tags())) {
      entry.set("keywords", JSON.valueToTree(storedKeywords));
    } else {
      superseded.add("keywords");
      if (!artifact.tags().isEmpty()) {
        entry.set("keywords", JSON.valueToTree(artifact.tags()));
      }
    }

    if (section.name().equals("projects")) {
      Object storedType = stored.get("type");
      boolean special =
          artifact.artifactType().equals(ArtifactType.TALK.value())
              || artifact.artifactType().equals(ArtifactType.OTHER.value());
      if (special && !artifact.artifactType().equals(storedType)) {
        entry.put("type", artifact.artifactType());
        superseded.add("type");
      } else if (!special
          && (ArtifactType.TALK.value().equals(storedType)
              || ArtifactType.OTHER.value().equals(storedType))) {
        superseded.add("type"); // the type was changed to project since
      }
    }

    stored.forEach(
        (key, value) -> {
          if (!entry.has(key) && !superseded.contains(key)) {
            entry.set(key, JSON.valueToTree(value));
          }
        });
    if (Visibility.PUBLIC.value().equals(artifact.visibility())) {
      extension.put("visibility", artifact.visibility());
    }
    if (!userMetadata.isEmpty()) {
      extension.set("metadata", JSON.valueToTree(userMetadata));
    }
    if (!extension.isEmpty()) {
      entry.set(EXTENSION, extension);
    }
    return entry;
  }

  // ---------------------------------------------------------------------------------------------
  // Shared rules

  private static Optional<Section> section(String name) {
    return SECTIONS.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static Section sectionOf(String artifactType) {
    ArtifactType type = ArtifactType.fromValue(artifactType).orElse(ArtifactType.OTHER);
    ArtifactType sectionType =
        type == ArtifactType.TALK || type == ArtifactType.OTHER ? ArtifactType.PROJECT : type;
    return SECTIONS.stream().filter(s -> s.type() == sectionType).findFirst().orElseThrow();
  }

  /** "Bachelor in Computer Science", or whichever of the two is given. */
  static String educationTitle(String studyType, String area) {
    boolean hasType = studyType != null && !studyType.isBlank();
    boolean hasArea = area != null && !area.isBlank();
    if (hasType && hasArea) {
      return studyType.strip() + " in " + area.strip();
    }
    return hasType ? studyType.strip() : hasArea ? area.strip() : null;
  }

  /** The one-line location of the profile: "city, region, countryCode", else the address. */
  static String locationText(JsonNode location) {
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

  private static String linkLabel(String network, String username) {
    if (network != null && !network.isBlank()) {
      return network;
    }
    return username != null && !username.isBlank() ? username : "Profile";
  }

  /** As stored: stripped and without repeats. */
  private static List<String> normaliseTags(List<String> tags) {
    return tags.stream().map(t -> t == null ? null : t.strip()).distinct().toList();
  }

  private static int unusedLink(List<Profile.Link> links, boolean[] used, String url) {
    if (url == null) {
      return -1;
    }
    for (int i = 0; i < links.size(); i++) {
      if (!used[i] && url.equals(links.get(i).url())) {
        return i;
      }
    }
    return -1;
  }

  private static String textOf(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static void putText(ObjectNode node, String key, String value) {
    if (key != null && value != null) {
      node.put(key, value);
    }
  }

  private static List<String> strings(Object value) {
    if (!(value instanceof List<?> list) || !list.stream().allMatch(i -> i instanceof String)) {
      return null;
    }
    return list.stream().map(String.class::cast).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static Map<String, Object> map(Map<String, Object> values, String key) {
    return map(values.get(key));
  }

  private static Object plain(JsonNode value) {
    return JSON.convertValue(value, Object.class);
  }

  private static String or(String given, String current) {
    return given != null ? given : current;
  }
}
