package io.cvtailor.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.artifacts.internal.resume.ResumeMapping;
import io.cvtailor.artifacts.internal.resume.ResumeReader;
import io.cvtailor.artifacts.internal.resume.ResumeWriter;
import io.cvtailor.kernel.FieldError;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    return ResumeReader.read(document);
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
    return ResumeWriter.write(profile, extras, artifacts);
  }

  /** The JSON Resume section an artifact type is exported to. */
  public static String sectionName(ArtifactType type) {
    return ResumeMapping.sectionOf(type.value()).name();
  }

  /**
   * The highlights of an artifact's content: its non-blank lines, without a leading {@code "- "}.
   * Null for no content.
   */
  public static List<String> highlights(String content) {
    return ResumeMapping.highlights(content);
  }

  private static String or(String given, String current) {
    return given != null ? given : current;
  }
}
