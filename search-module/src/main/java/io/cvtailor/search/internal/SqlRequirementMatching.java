package io.cvtailor.search.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.db.ReadRoute;
import io.cvtailor.kernel.db.Rows;
import io.cvtailor.search.JobRequirements;
import io.cvtailor.search.RequirementMatching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class SqlRequirementMatching implements RequirementMatching {
  private static final int MAX_REQUIREMENTS = 40;
  private static final int RECENT_POSTINGS = 32;

  // Per requirement, the artifact whose two nearest passages (chunks and summary) are nearest,
  // the second counting half: one lucky chunk of an artifact that is about something else loses
  // to an artifact that answers the requirement in more than one place. Lexical evidence counts
  // beside it: the share of the requirement's key terms (its lexemes without the filler words of
  // requirement lines, each weighted by its IDF over the user's artifacts) that the artifact
  // names. "Strong PostgreSQL skills, including query and index tuning" is answered by "tuning
  // PostgreSQL queries and indexes" even where the sentence model rates it 0.38. The score (what
  // "covered" is decided on) is the best artifact's (1 − λ) · nearest passage + λ · key-term
  // share; λ and the threshold are chosen by leave-one-persona-out cross-validation.
  // Only the artifacts naming at least one key term are unnested: bounded by the user's artifacts.
  private static final String BEST_EVIDENCE =
      """
      WITH req AS (
        SELECT r.ord, r.v, t.txt
        FROM unnest(CAST(?1 AS vector[])) WITH ORDINALITY AS r(v, ord)
        JOIN unnest(CAST(?4 AS text[])) WITH ORDINALITY AS t(txt, ord) USING (ord)
      ),
      owned AS (
        SELECT a.id, a.search FROM artifacts.searchable_artifacts a WHERE a.user_id = ?2
      ),
      terms AS (
        SELECT DISTINCT req.ord, l AS lexeme
        FROM req, unnest(tsvector_to_array(ts_delete(to_tsvector('english', req.txt),
                 tsvector_to_array(to_tsvector('english', ?6))))) AS l
      ),
      any_term AS (
        SELECT to_tsquery('simple', string_agg(DISTINCT quote_literal(lexeme), ' | ')) AS q
        FROM terms
      ),
      hits AS (
        SELECT o.id, u.lexeme
        FROM owned o CROSS JOIN any_term CROSS JOIN LATERAL unnest(o.search) AS u
        WHERE o.search @@ any_term.q AND u.lexeme IN (SELECT lexeme FROM terms)
      ),
      df AS (
        SELECT lexeme, count(*) AS df FROM hits GROUP BY lexeme
      ),
      idf AS (
        SELECT t.ord, t.lexeme,
               ln(1 + ((SELECT count(*) FROM owned) - coalesce(df.df, 0) + 0.5)
                      / (coalesce(df.df, 0) + 0.5)) AS idf
        FROM terms t LEFT JOIN df USING (lexeme)
      ),
      lexical AS (
        SELECT i.ord, h.id AS artifact_id,
               sum(i.idf) / max(total.idf) AS share
        FROM idf i
        JOIN hits h USING (lexeme)
        JOIN (SELECT ord, sum(idf) AS idf FROM idf GROUP BY ord) total USING (ord)
        WHERE total.idf > 0
        GROUP BY i.ord, h.id
      )
      SELECT r.ord, best.artifact_id, best.top, best.first, best.share
      FROM req r
      LEFT JOIN LATERAL (
        SELECT s.artifact_id, s.first, coalesce(lx.share, 0) AS share,
               max((1 - ?5) * s.first + ?5 * coalesce(lx.share, 0)) OVER () AS top
        FROM (
          SELECT p.artifact_id, max(p.sim) FILTER (WHERE p.n = 1) AS first,
                 max(p.sim) FILTER (WHERE p.n = 2) AS second
          FROM (
            SELECT e.artifact_id, 1 - (e.embedding_vector <=> r.v) AS sim,
                   row_number() OVER (PARTITION BY e.artifact_id
                                      ORDER BY e.embedding_vector <=> r.v) AS n
            FROM embeddings.artifact_vectors e
            WHERE e.user_id = ?2 AND e.model_version = ?3
              AND e.content_type IN ('chunk', 'summary')
          ) p
          WHERE p.n <= 2
          GROUP BY p.artifact_id
        ) s
        LEFT JOIN lexical lx ON lx.ord = r.ord AND lx.artifact_id = s.artifact_id
        ORDER BY (1 - ?5) * (s.first + 0.5 * coalesce(s.second, s.first))
                   + 1.5 * ?5 * coalesce(lx.share, 0) DESC,
                 s.artifact_id
        LIMIT 1
      ) best ON true
      ORDER BY r.ord
      """;

  /**
   * Words of requirement lines that name no skill ("Strong ... skills, including ..."): left out of
   * the key terms, so an artifact is not asked to say them. Stemmed like the artifacts.
   */
  static final String FILLER =
      "strong solid excellent good great deep proven demonstrated skills experience experienced"
          + " knowledge understanding familiarity familiar proficiency proficient expertise expert"
          + " ability able including include such plus nice bonus preferred ideally required"
          + " requirement must years several hands-on background track record working comfortable"
          + " using ideal candidate role";

  @PersistenceContext(unitName = "search")
  EntityManager em;

  /** The standby's copy (db.read-url), only for reads a stale-tolerant request routed there. */
  @PersistenceContext(unitName = "search-read")
  EntityManager readEm;

  private EntityManager em() {
    return ReadRoute.replica() ? readEm : em;
  }

  @Inject QueryEmbeddings queries;
  @Inject EmbeddingPipeline pipeline;

  /**
   * λ: how much the share of a requirement's key terms an artifact names counts beside its nearest
   * passages, for the coverage score and the best evidence (0 = passages only). Per model, like the
   * coverage threshold, since the similarity scale is the model's. Chosen by leave-one-persona-out
   * cross-validation (docs/ranking.md).
   */
  @Inject
  @ConfigProperty(name = "search.coverage.lexical-weight", defaultValue = "0.5")
  double lexicalWeight;

  /**
   * Recent postings' embedded requirements: one CV asks for them twice (ranking explanations and
   * coverage), and a person tailoring to a posting repeats it. Keyed by model and a SHA-256 of the
   * posting's exact text (not the text itself: a posting may be 50,000 characters).
   * Content-addressed, so coherent across instances by construction: the same key always maps to
   * the same requirements on every instance, nothing ever has to be invalidated, and an instance
   * that has not seen a posting just embeds it again. Bounded (least recently used go first).
   */
  private final Cache<String, List<Requirement>> recent =
      Caffeine.newBuilder().maximumSize(RECENT_POSTINGS).build();

  @Override
  public List<Requirement> requirements(String posting) {
    String key = pipeline.activeModel() + "\n" + sha256(posting);
    List<Requirement> cached = recent.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    // Embedded outside the cache (not with Cache.get's loader): a model call must not hold one of
    // the cache's locks. Two requests for a new posting at once may both embed it; same result.
    List<Requirement> embedded = embedRequirements(posting);
    recent.put(key, embedded);
    return embedded;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private List<Requirement> embedRequirements(String posting) {
    List<String> texts = JobRequirements.of(posting);
    if (texts.size() > MAX_REQUIREMENTS) {
      texts = texts.subList(0, MAX_REQUIREMENTS);
    }
    if (texts.isEmpty()) {
      return List.of();
    }
    List<float[]> vectors = queries.embedEach(texts);
    List<Requirement> requirements = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      requirements.add(new Requirement(texts.get(i), vectors.get(i)));
    }
    return List.copyOf(requirements);
  }

  @Override
  @Transactional
  public List<Match> bestEvidence(long userId, List<Requirement> requirements) {
    if (requirements.isEmpty()) {
      return List.of();
    }
    String vectors =
        requirements.stream()
            .map(r -> "\"" + Vectors.toText(r.vector()) + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    String texts =
        requirements.stream()
            .map(r -> "\"" + r.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    FitScale scale = FitScale.forModel(pipeline.activeModel());
    return Rows.list(
        em().createNativeQuery(BEST_EVIDENCE)
            .setParameter(1, vectors)
            .setParameter(2, userId)
            .setParameter(3, pipeline.activeModel())
            .setParameter(4, texts)
            .setParameter(5, lexicalWeight)
            .setParameter(6, FILLER),
        row -> {
          int index = row.getInt(0) - 1;
          // The requirement's evidence on the fixed fit scale: its best artifact's nearest passage
          // and the share of its key terms that artifact names (none: unrelated).
          double first = row.isNull(3) ? 0 : Math.max(0, row.getDouble(3));
          double share = row.isNull(4) ? 0 : row.getDouble(4);
          return new Match(
              requirements.get(index).text(),
              row.getLongOrNull(1),
              row.isNull(2) ? 0 : row.getDouble(2),
              scale.fit(first, share));
        });
  }

  @Override
  public List<Double> relevance(List<String> sentences, List<Requirement> requirements) {
    if (sentences.isEmpty()) {
      return List.of();
    }
    List<float[]> vectors = queries.embedEach(sentences);
    List<Double> scores = new ArrayList<>(sentences.size());
    for (float[] sentence : vectors) {
      double best = -1;
      for (Requirement requirement : requirements) {
        best = Math.max(best, Vectors.cosine(sentence, requirement.vector()));
      }
      scores.add(best);
    }
    return scores;
  }
}
