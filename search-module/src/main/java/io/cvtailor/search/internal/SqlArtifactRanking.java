package io.cvtailor.search.internal;

import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.JobEmbeddings;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.db.ReadRoute;
import io.cvtailor.kernel.db.Rows;
import io.cvtailor.search.ArtifactRanking;
import io.cvtailor.search.Fit;
import io.cvtailor.search.RankQuery;
import io.cvtailor.search.RankResult;
import io.cvtailor.search.RankResult.RankedArtifact;
import io.cvtailor.search.RankingMethod;
import io.cvtailor.search.RequirementMatching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Semantic, keyword and hybrid scores of every candidate artifact in one SQL statement.
 *
 * <ul>
 *   <li>Semantic: the score blends the best similarity of one of the posting's requirements (its
 *       bullets or requirement sentences, see {@link io.cvtailor.search.JobRequirements}) to one of
 *       the artifact's chunks, with the similarity of the whole artifact to the whole posting
 *       (embedded in model-sized pieces, never cut to its first tokens), with configured weights.
 *   <li>Keyword: an OR of the posting's lexemes against the weighted tsvector (title and tags weigh
 *       most, content least), ts_rank_cd with length normalisation, scaled to 0..1.
 *   <li>Hybrid: Reciprocal Rank Fusion, 1/(k + rank) summed (k = 60) over both lists (an artifact
 *       absent from the keyword list gets nothing from it), rescaled to 0..1 between "last in both
 *       lists" (0) and "first in both" (1) so that scores spread out for display; the order is
 *       RRF's.
 * </ul>
 *
 * Ties break on the other score, then on id, so results are deterministic.
 */
@ApplicationScoped
public class SqlArtifactRanking implements ArtifactRanking {

  /** Public for SearchIT, which runs it over JDBC with each keyword scoring. */
  public static final String SCORES =
      """
      WITH job AS (
        SELECT q.v AS piece, q.ord FROM unnest(CAST(?1 AS vector[])) WITH ORDINALITY AS q(v, ord)
      ),
      owned AS (
        SELECT a.id, a.search FROM artifacts.searchable_artifacts a WHERE a.user_id = ?2
      ),
      candidates AS (
        SELECT o.id, o.search FROM owned o
        WHERE CAST(?3 AS bigint[]) IS NULL OR o.id = ANY (CAST(?3 AS bigint[]))
      ),
      piece_best AS (
        SELECT e.artifact_id, j.ord, max(1 - (e.embedding_vector <=> j.piece)) AS sim
        FROM embeddings.artifact_vectors e
        JOIN candidates c ON c.id = e.artifact_id
        CROSS JOIN job j
        WHERE e.user_id = ?2 AND e.model_version = ?4 AND e.content_type = 'chunk'
        GROUP BY e.artifact_id, j.ord
      ),
      semantic AS (
        SELECT artifact_id, max(sim) AS best_chunk FROM piece_best GROUP BY artifact_id
      ),
      whole AS (
        -- The query vector is parsed once (InitPlan), not per row under a generic plan.
        SELECT e.artifact_id, 1 - (e.embedding_vector <=> (SELECT CAST(?5 AS vector))) AS whole_sim
        FROM embeddings.artifact_vectors e JOIN candidates c ON c.id = e.artifact_id
        WHERE e.user_id = ?2 AND e.model_version = ?4 AND e.content_type = 'full'
      ),
      posting AS (
        SELECT to_tsvector('english', ?6) AS terms
      ),
      query AS (
        SELECT to_tsquery('simple', string_agg(quote_literal(l), ' | ')) AS q,
               array_agg(l) AS lexemes
        FROM posting, unnest(tsvector_to_array(posting.terms)) AS l
      ),
      -- BM25 over all artifacts of the caller (also when only some are ranked, so the weight of a
      -- term does not depend on which were asked for). A term frequency counts each occurrence
      -- with the weight of its label (title and tags A, content C), as in BM25F; the document
      -- length is its number of distinct lexemes. Only artifacts sharing a term with the query
      -- are unnested, and only the entries of query terms are kept: bounded by the artifacts of
      -- the user. (No apostrophes in these comments: the JPA provider reads one as a quote and
      -- then miscounts the parameters.)
      corpus AS (
        SELECT count(*) AS n, greatest(avg(length(o.search)), 1) AS avgdl FROM owned o
      ),
      hits AS (
        SELECT o.id, u.lexeme, length(o.search) AS dl,
               (SELECT sum(CASE w WHEN 'A' THEN kw[4] WHEN 'B' THEN kw[3] WHEN 'C' THEN kw[2]
                                  ELSE kw[1] END)
                FROM unnest(u.weights) AS w) AS tf
        FROM owned o
        CROSS JOIN query
        CROSS JOIN (SELECT CAST(?9 AS float8[]) AS kw) weights
        CROSS JOIN LATERAL unnest(o.search) AS u
        WHERE o.search @@ query.q AND u.lexeme = ANY (query.lexemes)
      ),
      df AS (
        SELECT lexeme, count(*) AS df FROM hits GROUP BY lexeme
      ),
      bm25 AS (
        SELECT h.id,
               sum(ln(1 + (corpus.n - df.df + 0.5) / (df.df + 0.5))
                   * h.tf * (?12 + 1)
                   / (h.tf + ?12 * (1 - ?13 + ?13 * h.dl / corpus.avgdl))) AS score
        FROM hits h JOIN df USING (lexeme) CROSS JOIN corpus
        WHERE h.tf > 0
        GROUP BY h.id
      ),
      bm25_top AS (
        SELECT max(score) AS top FROM bm25
      ),
      scored AS (
        SELECT c.id,
               greatest(0, least(1, coalesce(?7 * s.best_chunk + ?8 * w.whole_sim, 0))) AS semantic,
               CASE WHEN CAST(?14 AS text) = 'bm25'
                    -- scaled by the best-matching artifact of the user: 1 for it, 0 for no shared term
                    THEN coalesce(b.score / nullif(bm25_top.top, 0), 0)
                    WHEN c.search @@ query.q
                    THEN ts_rank_cd(CAST(?9 AS float4[]), c.search, query.q, ?10 | 32)
                    ELSE 0 END
                 AS keyword,
               ARRAY(SELECT unnest(tsvector_to_array(c.search))
                     INTERSECT SELECT unnest(tsvector_to_array(posting.terms))) AS matched,
               s.artifact_id IS NOT NULL AS embedded
        FROM candidates c
        CROSS JOIN query CROSS JOIN posting CROSS JOIN bm25_top
        LEFT JOIN semantic s ON s.artifact_id = c.id
        LEFT JOIN whole w ON w.artifact_id = c.id
        LEFT JOIN bm25 b ON b.id = c.id
      ),
      ranked AS (
        SELECT *,
               row_number() OVER (ORDER BY semantic DESC, keyword DESC, id) AS semantic_rank,
               row_number() OVER (ORDER BY keyword DESC, semantic DESC, id) AS keyword_rank,
               count(*) OVER () AS candidates,
               min(semantic) OVER () AS semantic_min, max(semantic) OVER () AS semantic_max,
               min(keyword) OVER () AS keyword_min, max(keyword) OVER () AS keyword_max
        FROM scored
      ),
      fused AS (
        SELECT *,
               CASE WHEN embedded THEN 1.0 / (?11 + semantic_rank) ELSE 0 END
                 + CASE WHEN keyword > 0 THEN 1.0 / (?11 + keyword_rank) ELSE 0 END AS rrf,
               -- each score min-max normalised over the candidates
               ?15 * coalesce((semantic - semantic_min) / nullif(semantic_max - semantic_min, 0), 0)
                 + (1 - ?15)
                   * coalesce((keyword - keyword_min) / nullif(keyword_max - keyword_min, 0), 0)
                 AS blend
        FROM ranked
      )
      SELECT id, semantic, keyword,
             CASE WHEN CAST(?16 AS text) = 'blend' THEN blend
                  -- RRF: 1 for first in both lists, 0 for last in both (or in neither)
                  ELSE greatest(0, (rrf - 2.0 / (?11 + 1 + candidates))
                                   / (2.0 / (?11 + 1) - 2.0 / (?11 + 1 + candidates))) END
               AS fused,
             array_to_string(matched, ' ') AS matched
      FROM fused
      """;

  @PersistenceContext(unitName = "search")
  EntityManager em;

  /** The standby's copy (db.read-url), only for reads a stale-tolerant request routed there. */
  @PersistenceContext(unitName = "search-read")
  EntityManager readEm;

  private EntityManager em() {
    return ReadRoute.replica() ? readEm : em;
  }

  @Inject JobEmbeddings jobEmbeddings;
  @Inject EmbeddingPipeline pipeline;
  @Inject RankingExplainer explainer;
  @Inject RequirementMatching matching;

  @Inject
  @ConfigProperty(name = "search.semantic.weight.best-chunk", defaultValue = "0.8")
  double bestChunkWeight;

  @Inject
  @ConfigProperty(name = "search.semantic.weight.whole", defaultValue = "0.2")
  double wholeWeight;

  /**
   * ts_rank_cd weights of the D, C (content), B (organization, description), A (title, tags)
   * labels.
   */
  @Inject
  @ConfigProperty(name = "search.keyword.weights", defaultValue = "{0.1,0.2,0.4,1.0}")
  String keywordWeights;

  /**
   * Reciprocal Rank Fusion's k. 60 is the convention from the original paper; 1 is what
   * leave-one-persona-out cross-validation chooses on ../shared/eval (folds chose 1, 5 or 10; k = 1
   * and 5 tie on all personas), so the top of each list counts more (docs/ranking.md).
   */
  @Inject
  @ConfigProperty(name = "search.hybrid.rrf-k", defaultValue = "1")
  int rrfK;

  /**
   * What the keyword query is built from: the whole {@code posting}, or only its {@code
   * requirements} (bullets or requirement sentences, without the company blurb, location and
   * benefits) — the same part of the posting the semantic score reads. Requirements are the
   * default: they lift the shared eval set's keyword and hybrid rankings past the targets while the
   * sample set stays level within noise (docs/ranking.md).
   */
  @Inject
  @ConfigProperty(name = "search.keyword.source", defaultValue = "requirements")
  String keywordSource;

  /** ts_rank_cd length normalisation (1 = divide by 1 + log(length)); 32 is always added (0..1). */
  @Inject
  @ConfigProperty(name = "search.keyword.normalization", defaultValue = "1")
  int keywordNormalization;

  /**
   * The keyword score: {@code bm25} (IDF from the caller's own artifacts, scaled by the best match)
   * or {@code ts_rank_cd} (PostgreSQL's cover density, no IDF). See docs/ranking.md for the
   * cross-validated comparison.
   */
  @Inject
  @ConfigProperty(name = "search.keyword.scoring", defaultValue = "ts_rank_cd")
  String keywordScoring;

  /** BM25's textbook constants (Robertson et al.), not tuned on the eval sets. */
  @Inject
  @ConfigProperty(name = "search.keyword.bm25.k1", defaultValue = "1.2")
  double bm25K1;

  @Inject
  @ConfigProperty(name = "search.keyword.bm25.b", defaultValue = "0.75")
  double bm25B;

  /**
   * How hybrid fuses the two scores: {@code rrf} (Reciprocal Rank Fusion) or {@code blend} (a
   * weighted sum of the min-max normalised scores). RRF won on held-out personas with either
   * keyword score (docs/ranking.md).
   */
  @Inject
  @ConfigProperty(name = "search.hybrid.fusion", defaultValue = "rrf")
  String fusion;

  /** The blend's semantic weight (keyword gets the rest), chosen by cross-validation. */
  @Inject
  @ConfigProperty(name = "search.hybrid.blend.semantic-weight", defaultValue = "0.4")
  double blendSemanticWeight;

  /** The scores of one candidate before ordering. */
  record Scores(long id, double semantic, double keyword, double fused, List<String> matchedStems) {
    double score(RankingMethod method) {
      return switch (method) {
        case SEMANTIC -> Math.max(0, Math.min(1, semantic));
        case KEYWORD -> keyword;
        case HYBRID -> fused;
      };
    }
  }

  /**
   * No transaction: the posting and its requirements are embedded first (the model is never called
   * while a pooled connection or row lock is held), then each read runs on its own.
   */
  @Override
  @Transactional(Transactional.TxType.NEVER)
  public RankResult rank(RankQuery query) {
    long started = System.nanoTime();
    JobEmbeddings.JobEmbedding job =
        jobEmbeddings.forPosting(query.userId(), query.jobDescription());
    List<RequirementMatching.Requirement> requirements =
        matching.requirements(query.jobDescription());
    List<float[]> pieces =
        requirements.isEmpty()
            ? job.pieces().stream().map(p -> p.vector()).toList()
            : requirements.stream().map(RequirementMatching.Requirement::vector).toList();
    String keywordText =
        requirements.isEmpty() || !"requirements".equals(keywordSource)
            ? query.jobDescription()
            : requirements.stream()
                .map(RequirementMatching.Requirement::text)
                .collect(Collectors.joining("\n"));
    long embedded = System.nanoTime();
    List<Scores> scores = scoreAll(query, pieces, job.whole(), keywordText);
    RankingMethod method = query.method();
    List<Scores> ordered =
        scores.stream()
            .sorted(
                Comparator.comparingDouble((Scores s) -> s.score(method))
                    .reversed()
                    .thenComparing(Comparator.comparingDouble(Scores::fused).reversed())
                    .thenComparingLong(Scores::id))
            .limit(query.topK())
            .toList();
    long scored = System.nanoTime();
    Map<Long, RankingExplainer.Explanation> explanations =
        query.explain()
            ? explainer.explain(
                query.userId(),
                query.jobDescription(),
                ordered.stream().map(Scores::id).toList(),
                ordered.stream().collect(Collectors.toMap(Scores::id, Scores::matchedStems)))
            : Map.of();
    List<RankedArtifact> ranked = new ArrayList<>(ordered.size());
    for (Scores s : ordered) {
      RankingExplainer.Explanation why =
          explanations.getOrDefault(s.id(), RankingExplainer.Explanation.NONE);
      ranked.add(
          new RankedArtifact(
              s.id(),
              round(s.score(method)),
              round(Math.max(0, Math.min(1, s.semantic()))),
              round(s.keyword()),
              why.text(),
              why.evidence(),
              why.keywords(),
              why.fit()));
    }
    Fit postingFit =
        query.explain()
            ? ranked.stream()
                .map(RankedArtifact::fit)
                .filter(f -> f != null)
                .max(
                    Comparator.comparingInt((Fit f) -> Fit.order(f.level()))
                        .thenComparingDouble(Fit::bestSimilarity))
                .orElse(new Fit(Fit.UNRELATED, 0, 0))
            : null;
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("ranking_method", method.value());
    metadata.put("model", pipeline.activeModel());
    metadata.put("total_candidates", scores.size());
    metadata.put("job_pieces", pieces.size());
    metadata.put("embedding_ms", millis(started, embedded));
    metadata.put("scoring_ms", millis(embedded, scored));
    metadata.put("processing_time_ms", millis(started, System.nanoTime()));
    return new RankResult(ranked, job.generated(), metadata, postingFit);
  }

  /**
   * Every candidate's scores, in no particular order. The best passage is sought for each of the
   * posting's requirements (MiniLM matches one requirement to one passage far better than a
   * 128-token window of several, and the company blurb and benefits stay out; the explanations
   * embed the same requirements, so this costs no model call); a posting without any requirement
   * falls back to its model-sized pieces. The keyword query is built from {@code keywordText}.
   */
  List<Scores> scoreAll(
      RankQuery query, List<float[]> pieceVectors, float[] whole, String keywordText) {
    String pieces =
        pieceVectors.stream()
            .map(v -> "\"" + Vectors.toText(v) + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    String ids =
        query.artifactIds() == null
            ? null
            : query.artifactIds().stream()
                .map(String::valueOf)
                .collect(Collectors.joining(",", "{", "}"));
    return Rows.list(
        em().createNativeQuery(SCORES)
            .setParameter(1, pieces)
            .setParameter(2, query.userId())
            .setParameter(3, ids)
            .setParameter(4, pipeline.activeModel())
            .setParameter(5, Vectors.toText(whole))
            .setParameter(6, keywordText)
            .setParameter(7, bestChunkWeight)
            .setParameter(8, wholeWeight)
            .setParameter(9, keywordWeights)
            .setParameter(10, keywordNormalization)
            .setParameter(11, rrfK)
            .setParameter(12, bm25K1)
            .setParameter(13, bm25B)
            .setParameter(14, keywordScoring)
            .setParameter(15, blendSemanticWeight)
            .setParameter(16, fusion),
        SqlArtifactRanking::scores);
  }

  /** A row of {@code SCORES}: artifact, three scores, the matched words separated by spaces. */
  private static Scores scores(Rows.Row row) {
    String matched = row.getString(4);
    return new Scores(
        row.getLong(0),
        row.getDouble(1),
        row.getDouble(2),
        row.getDouble(3),
        matched == null || matched.isBlank() ? List.of() : Arrays.asList(matched.split(" ")));
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static double millis(long from, long to) {
    return Math.round((to - from) / 10_000.0) / 100.0;
  }
}
