package io.cvtailor.artifacts.internal.resume;

import static io.cvtailor.artifacts.internal.resume.ResumeMapping.JSON;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.contentOf;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.educationTitle;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.highlights;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.linkLabel;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.locationText;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.map;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.normaliseTags;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.putText;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.section;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.sectionOf;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.strings;
import static io.cvtailor.artifacts.internal.resume.ResumeMapping.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.JsonResume;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.Visibility;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** JSON Resume out: a profile, its stored extras and artifacts written as one document. */
public final class ResumeWriter {
  private static final String EXTENSION = JsonResume.EXTENSION;
  private static final String METADATA_KEY = JsonResume.METADATA_KEY;

  private ResumeWriter() {}

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
      ResumeMapping.Section section = sectionOf(artifact.artifactType());
      sections
          .computeIfAbsent(section.name(), name -> JSON.createArrayNode())
          .add(writeEntry(section, artifact));
    }
    for (String key : ResumeMapping.ORDER) {
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

  private static ObjectNode writeEntry(ResumeMapping.Section section, Artifact artifact) {
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

  /** The first link not yet written whose address is {@code url}, or -1. */
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
}
