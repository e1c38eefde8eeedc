package io.cvtailor.artifacts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;

/**
 * The text of one artifact version that gets embedded and searched, with the hash that identifies
 * it. The embeddings module embeds exactly {@link #embeddableText()}; {@link #contentHash()} is the
 * SHA-256 of its normalised form, so unchanged text is never embedded twice.
 */
public record ArtifactContent(
    long artifactId,
    long userId,
    long version,
    ArtifactType type,
    String title,
    String organization,
    List<String> tags,
    String description,
    String content,
    String contentHash) {

  /** The embedded text: title line (with organization), tags, description and content. */
  public String embeddableText() {
    return embeddableText(type, title, organization, tags, description, content);
  }

  /** A short text standing for the whole artifact: title, organization, tags and description. */
  public String summaryText() {
    return normalise(
        join(
            headline(title, organization), tagsLine(tags), description == null ? "" : description));
  }

  /** The headline every chunk is prefixed with, so a chunk keeps its context. */
  public String headline() {
    return headline(title, organization);
  }

  /** The tags line ("Tags: a, b."), or an empty string when there are none. */
  public String tagsLine() {
    return tagsLine(tags);
  }

  /** Description and content: what the chunks carry after their headline and tags. */
  public String detailText() {
    return normalise(join(description == null ? "" : description, content == null ? "" : content));
  }

  public static String embeddableText(
      ArtifactType type,
      String title,
      String organization,
      List<String> tags,
      String description,
      String content) {
    return normalise(
        join(
            headline(title, organization),
            tagsLine(tags),
            description == null ? "" : description,
            content == null ? "" : content));
  }

  /** SHA-256 (hex) of the normalised text. */
  public static String hash(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(normalise(text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Unicode NFC, unified line ends, no trailing spaces, at most one blank line in a row. */
  public static String normalise(String text) {
    String nfc = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
    return nfc.replace("\r\n", "\n")
        .replace('\r', '\n')
        .replaceAll("[ \\t\\u00A0]+", " ")
        .replaceAll(" ?\\n ?", "\n")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }

  private static String headline(String title, String organization) {
    return organization == null || organization.isBlank() ? title : title + " — " + organization;
  }

  private static String tagsLine(List<String> tags) {
    return tags == null || tags.isEmpty() ? "" : "Tags: " + String.join(", ", tags) + ".";
  }

  private static String join(String... parts) {
    StringBuilder text = new StringBuilder();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        if (text.length() > 0) {
          text.append("\n\n");
        }
        text.append(part.strip());
      }
    }
    return text.toString();
  }
}
