package io.cvtailor.cv.internal.render;

import static io.cvtailor.cv.internal.render.CvParts.basics;
import static io.cvtailor.cv.internal.render.CvParts.line;
import static io.cvtailor.cv.internal.render.CvParts.list;
import static io.cvtailor.cv.internal.render.CvParts.partialDate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.JsonResume;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvSection;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CV as a JSON Resume v1.0.0 document, with the field names of {@link JsonResume} (the import
 * and export mapping): work.name/position, projects.entity, education.area/courses,
 * certificates.issuer, awards.awarder, publications.publisher/releaseDate; talks are projects of
 * {@code type} talk. Null fields are left out; dates are kept as given when they match the schema's
 * iso8601 pattern, else left out; links that are not absolute http(s) URLs are left out.
 */
final class CvJsonResume {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Top-level sections in the schema's order. */
  private static final List<String> ORDER =
      List.of(
          "work",
          "volunteer",
          "education",
          "awards",
          "certificates",
          "publications",
          "skills",
          "projects");

  private CvJsonResume() {}

  static String render(Cv cv) {
    ObjectNode document = JSON.createObjectNode();
    document.set("basics", basicsOf(basics(cv)));
    Map<String, ArrayNode> sections = new LinkedHashMap<>();
    ORDER.forEach(name -> sections.put(name, JSON.createArrayNode()));
    for (Cv.Section section : list(cv.sections())) {
      CvSection kind = CvParts.sectionOf(section).orElse(null);
      if (kind == CvSection.SKILLS) {
        continue; // with Cv.skills below
      }
      for (Cv.Item item : list(section.items())) {
        entry(kind, item, sections);
      }
    }
    CvParts.skills(cv)
        .forEach(skill -> sections.get("skills").add(JSON.createObjectNode().put("name", skill)));
    sections.forEach(
        (name, entries) -> {
          if (!entries.isEmpty()) {
            document.set(name, entries);
          }
        });
    document.set("meta", JSON.createObjectNode().put("version", "v1.0.0"));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode basicsOf(Cv.Basics basics) {
    ObjectNode node = JSON.createObjectNode();
    put(node, "name", line(basics.name()));
    put(node, "label", line(basics.headline()));
    put(node, "email", line(basics.email()));
    put(node, "phone", line(basics.phone()));
    ArrayNode profiles = JSON.createArrayNode();
    for (Cv.Link link : list(basics.links())) {
      String url = httpUrl(link.url());
      if (url == null) {
        continue;
      }
      if (!node.has("url") && JsonResume.WEBSITE_LABEL.equalsIgnoreCase(line(link.label()))) {
        node.put("url", url); // JsonResume reads basics.url back as the "Website" link
      } else {
        ObjectNode profile = JSON.createObjectNode();
        put(profile, "network", line(link.label()));
        profile.put("url", url);
        profiles.add(profile);
      }
    }
    put(node, "summary", basics.summary() == null ? null : basics.summary().strip());
    String location = line(basics.location());
    if (location != null) {
      node.set("location", JSON.createObjectNode().put("address", location));
    }
    if (!profiles.isEmpty()) {
      node.set("profiles", profiles);
    }
    return node;
  }

  private static void entry(CvSection kind, Cv.Item item, Map<String, ArrayNode> sections) {
    String title = line(item.title());
    String organization = line(item.organization());
    String url = httpUrl(item.url());
    String start = partialDate(item.startedOn());
    String end = partialDate(item.endedOn());
    List<String> highlights = CvParts.texts(item.highlights()).stream().map(CvParts::line).toList();
    String joined = highlights.isEmpty() ? null : String.join(" ", highlights);
    ObjectNode e = JSON.createObjectNode();
    String section;
    switch (kind == null ? CvSection.PROJECTS : kind) {
      case EXPERIENCE -> {
        section = "work";
        put(e, "name", organization);
        put(e, "position", title);
        put(e, "url", url);
        put(e, "startDate", start);
        put(e, "endDate", end);
        putList(e, "highlights", highlights);
      }
      case VOLUNTEER -> {
        section = "volunteer";
        put(e, "organization", organization);
        put(e, "position", title);
        put(e, "url", url);
        put(e, "startDate", start);
        put(e, "endDate", end);
        putList(e, "highlights", highlights);
      }
      case EDUCATION -> {
        section = "education";
        put(e, "institution", organization);
        put(e, "url", url);
        put(e, "area", title); // as JsonResume exports an education title
        put(e, "startDate", start);
        put(e, "endDate", end);
        putList(e, "courses", highlights);
      }
      case AWARDS -> {
        section = "awards";
        put(e, "title", title);
        put(e, "date", start);
        put(e, "awarder", organization);
        put(e, "summary", joined);
      }
      case CERTIFICATIONS -> {
        section = "certificates";
        put(e, "name", title);
        put(e, "date", start);
        put(e, "url", url);
        put(e, "issuer", organization);
      }
      case PUBLICATIONS -> {
        section = "publications";
        put(e, "name", title);
        put(e, "publisher", organization);
        put(e, "releaseDate", start);
        put(e, "url", url);
        put(e, "summary", joined);
      }
      case TALKS, PROJECTS, SKILLS -> {
        section = "projects";
        put(e, "name", title);
        putList(e, "highlights", highlights);
        put(e, "startDate", start);
        put(e, "endDate", end);
        put(e, "url", url);
        put(e, "entity", organization);
        if (kind == CvSection.TALKS) {
          e.put("type", ArtifactType.TALK.value());
        } else if (kind == null) {
          e.put("type", ArtifactType.OTHER.value());
        }
      }
      default -> throw new IllegalStateException("unmapped section " + kind);
    }
    sections.get(section).add(e);
  }

  /** An absolute http(s) URL (the schema's uri format), else null. */
  private static String httpUrl(String url) {
    String safe = CvParts.safeUrl(url);
    return safe != null && safe.startsWith("http") ? safe : null;
  }

  private static void put(ObjectNode node, String key, String value) {
    if (value != null) {
      node.put(key, value);
    }
  }

  private static void putList(ObjectNode node, String key, List<String> values) {
    if (!values.isEmpty()) {
      node.set(key, JSON.valueToTree(values));
    }
  }
}
