package io.cvtailor.documents.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.ImportItem;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.documents.DocumentImports;
import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.ImportProposal;
import io.cvtailor.documents.ProposedItem;
import io.cvtailor.documents.internal.parse.ParsedCv;
import io.cvtailor.documents.internal.read.DocumentReader;
import io.cvtailor.documents.internal.read.PdfOcr;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InputValidation;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.kernel.db.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Proposals kept in {@code documents.import_proposals} until they are confirmed or expire. */
@ApplicationScoped
public class DefaultDocumentImports implements DocumentImports {
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final String FIND =
      """
      SELECT CAST(proposal AS text), extracted_text, created_at, expires_at, format
      FROM documents.import_proposals
      WHERE id = CAST(?1 AS uuid) AND user_id = ?2 AND expires_at > now()
      """;

  // For the account export: the person's kept proposals (a few: imports.max-proposals-per-user).
  private static final String PENDING =
      """
      SELECT CAST(id AS text) FROM documents.import_proposals
      WHERE user_id = ?1 AND expires_at > now()
      ORDER BY created_at DESC
      """;

  // A batch through import_proposals_expiry_idx: one short statement however many expired.
  private static final String FORGET_EXPIRED =
      """
      -- fans out: retention, by age over every user
      DELETE FROM documents.import_proposals
      WHERE (user_id, id) IN (SELECT user_id, id FROM documents.import_proposals
                              WHERE expires_at <= now() LIMIT ?1)
      """;

  private static final String DELETE =
      "DELETE FROM documents.import_proposals WHERE id = CAST(?1 AS uuid) AND user_id = ?2";

  @PersistenceContext(unitName = "documents")
  EntityManager em;

  @Inject ArtifactCatalog catalog;
  @Inject ModelHeadings headings;
  @Inject ProposalRows rows;
  @Inject UserAccounts accounts;
  @Inject Validator validator;

  @Inject
  @ConfigProperty(name = "imports.max-bytes", defaultValue = "10485760")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "imports.proposal-hours", defaultValue = "24")
  int proposalHours;

  @Inject
  @ConfigProperty(name = "imports.max-proposals-per-user", defaultValue = "20")
  int maxProposalsPerUser;

  @Inject
  @ConfigProperty(name = "imports.ocr.command", defaultValue = "tesseract")
  String ocrCommand;

  @Inject
  @ConfigProperty(name = "imports.ocr.languages", defaultValue = "eng")
  String ocrLanguages;

  @Inject
  @ConfigProperty(name = "imports.ocr.max-pages", defaultValue = "6")
  int ocrMaxPages;

  @Inject
  @ConfigProperty(name = "imports.ocr.page-seconds", defaultValue = "30")
  int ocrPageSeconds;

  @Inject
  @ConfigProperty(name = "imports.ocr.concurrency", defaultValue = "1")
  int ocrConcurrency;

  private volatile PdfOcr ocr;

  /** OCR as configured; one per application, so that its concurrency bound is shared. */
  PdfOcr ocr() {
    PdfOcr current = ocr;
    if (current == null) {
      synchronized (this) {
        if (ocr == null) {
          ocr =
              new PdfOcr(
                  new PdfOcr.Settings(
                      ocrCommand,
                      ocrLanguages,
                      ocrMaxPages,
                      Duration.ofSeconds(ocrPageSeconds),
                      256 * 1024,
                      ocrConcurrency,
                      Duration.ofSeconds(20)));
        }
        current = ocr;
      }
    }
    return current;
  }

  /** The stored part of a proposal (the rest has columns of its own). */
  record Stored(Profile profile, List<ProposedItem> items, List<String> warnings) {}

  @Override
  @Transactional(Transactional.TxType.NEVER)
  public ImportProposal propose(long userId, Upload upload) {
    if (upload.bytes().length > maxBytes) {
      throw new DocumentRejectedException(
          DocumentRejectedException.Kind.TOO_LARGE,
          "the document is larger than " + maxBytes / (1024 * 1024) + " MB");
    }
    // Read (and unusual headings asked of the model) before any transaction: no pooled
    // connection waits on parsing or on the model.
    ParsedCv parsed =
        DocumentReader.read(
            upload.bytes(),
            upload.mediaType(),
            upload.fileName(),
            headings,
            upload.ocr() ? ocr() : null);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant expires = now.plus(Duration.ofHours(proposalHours));
    UUID id = UUID.randomUUID();
    // The text column is text: PostgreSQL rejects NUL characters in it.
    String text = parsed.text().replace("\0", "");
    try {
      rows.keep(
          userId,
          id,
          parsed.format(),
          now,
          expires,
          JSON.writeValueAsString(new Stored(parsed.profile(), parsed.items(), parsed.warnings()))
              .replace("\\u0000", ""),
          text,
          maxProposalsPerUser);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new ImportProposal(
        id,
        parsed.format(),
        parsed.profile(),
        parsed.items(),
        parsed.warnings(),
        text,
        now,
        expires);
  }

  @Override
  @Transactional
  public int forgetExpired(int limit) {
    return em.createNativeQuery(FORGET_EXPIRED).setParameter(1, limit).executeUpdate();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<UUID> pendingOf(long userId) {
    @SuppressWarnings("unchecked")
    List<Object> ids = em.createNativeQuery(PENDING).setParameter(1, userId).getResultList();
    return ids.stream().map(id -> UUID.fromString(id.toString())).toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public ImportProposal get(long userId, UUID proposalId) {
    return Rows.first(
            em.createNativeQuery(FIND)
                .setParameter(1, proposalId.toString())
                .setParameter(2, userId),
            row -> proposal(proposalId, row))
        .orElseThrow(() -> new NotFoundException("import " + proposalId));
  }

  /** A row of {@code FIND}: the stored proposal as JSON, then its columns. */
  private static ImportProposal proposal(UUID proposalId, Rows.Row row) {
    try {
      Stored stored = JSON.readValue(row.getString(0), Stored.class);
      return new ImportProposal(
          proposalId,
          row.getString(4),
          stored.profile(),
          stored.items(),
          stored.warnings(),
          row.getString(1),
          row.getInstant(2),
          row.getInstant(3));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  @Transactional
  public List<Long> confirm(
      long userId, UUID proposalId, List<ProposedItem> items, Profile profile) {
    ImportProposal proposal = get(userId, proposalId);
    List<FieldError> errors = new ArrayList<>();
    if ((items == null || items.isEmpty()) && profile == null) {
      throw new InvalidInputException("items", "must have at least one item (or send a profile)");
    }
    Profile merged = null;
    if (profile != null) {
      merged = merge(accounts.profile(userId), profile);
      for (FieldError e : InputValidation.check(validator, merged)) {
        errors.add(new FieldError("profile." + e.field(), e.message()));
      }
    }
    List<ImportItem> drafts = new ArrayList<>();
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        ProposedItem item = items.get(i);
        if (item == null) {
          errors.add(new FieldError("items[" + i + "]", "must be an object"));
          continue;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("imported_from", proposal.format());
        drafts.add(
            new ImportItem(
                "items[" + i + "]",
                new ArtifactDraft(
                    item.title(),
                    item.artifactType(),
                    item.description(),
                    item.content(),
                    item.organization(),
                    null,
                    item.startedOn(),
                    item.endedOn(),
                    item.tags(),
                    null,
                    metadata,
                    null)));
      }
    }
    if (!errors.isEmpty() && drafts.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (merged != null && errors.isEmpty()) {
      accounts.updateProfile(userId, merged);
    }
    List<Long> ids = List.of();
    if (!drafts.isEmpty()) {
      try {
        ids = catalog.importAll(userId, drafts);
      } catch (InvalidInputException e) {
        errors.addAll(e.errors());
        throw new InvalidInputException(errors);
      }
    }
    if (!errors.isEmpty()) {
      // The items were valid but the profile was not: nothing stays (the transaction rolls back).
      throw new InvalidInputException(errors);
    }
    em.createNativeQuery(DELETE)
        .setParameter(1, proposalId.toString())
        .setParameter(2, userId)
        .executeUpdate();
    return ids;
  }

  /** The current profile with the confirmed basics filled in; links are added, not replaced. */
  static Profile merge(Profile current, Profile confirmed) {
    List<Profile.Link> links = new ArrayList<>(current.linksOrEmpty());
    for (Profile.Link link : confirmed.linksOrEmpty()) {
      if (links.stream().noneMatch(l -> l.url().equalsIgnoreCase(link.url()))) {
        links.add(link);
      }
    }
    return new Profile(
        pick(confirmed.name(), current.name()),
        pick(confirmed.headline(), current.headline()),
        pick(confirmed.email(), current.email()),
        pick(confirmed.phone(), current.phone()),
        pick(confirmed.location(), current.location()),
        pick(confirmed.summary(), current.summary()),
        links);
  }

  private static String pick(String confirmed, String current) {
    return confirmed == null || confirmed.isBlank() ? current : confirmed;
  }
}
