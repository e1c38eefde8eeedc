package io.cvtailor.artifacts.internal.resume;

import static io.cvtailor.artifacts.internal.resume.ResumeMapping.contentOf;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.educationTitle;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.highlights;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.linkLabel;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.locationText;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.map;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.normaliseTags;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.plain;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.section;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.ImportItem;
import io.cvtailor.artifacts.JsonResume;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.kernel.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** JSON Resume in: a document read into profile fields, extras and import items, with errors. */
public final class ResumeReader {
  private static final String EXTENSION = JsonResume.EXTENSION;
  private static final String METADATA_KEY = JsonResume.METADATA_KEY;

  private ResumeReader() {}

  /** Reads a document; never throws for bad input but reports it in {@link Contents#errors()}. */
  public static JsonResume.Contents read(JsonNode document) {
    List<FieldError> errors = new ArrayList<>();
    List<ImportItem> items = new ArrayList<>();
    List<String> linkPaths = new ArrayList<>();
    Map<String, Object> extras = new LinkedHashMap<>();
    Profile basics = null;
    if (document == null || !document.isObject()) {
      errors.add(new FieldError("body", "must be a JSON Resume document (a JSON object)"));
      return new JsonResume.Contents(null, linkPaths, extras, items, errors);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      Optional<ResumeMapping.Section> section = section(key);
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
    return new JsonResume.Contents(basics, linkPaths, extras, items, errors);
  }

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
      links.add(new Profile.Link(JsonResume.WEBSITE_LABEL, url));
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
      ResumeMapping.Section section, String path, ObjectNode entry, List<FieldError> errors) {
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
}
