package io.cvtailor.search.internal;

import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.search.JobRequirements;
import io.cvtailor.search.RequirementMatching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
public class SqlRequirementMatching implements RequirementMatching {
  private static final int MAX_REQUIREMENTS = 40;
  private static final int RECENT_POSTINGS = 32;

  // Per requirement, the artifact whose two nearest passages (chunks and summary) are nearest,
  // the second counting half: one lucky chunk of an artifact that is about something else loses
  // to an artifact that answers the requirement in more than one place. The score stays the
  // single nearest passage among all artifacts (what "covered" is decided on).
  private static final String BEST_EVIDENCE =
      """
      SELECT r.ord, best.artifact_id, best.top
      FROM unnest(CAST(?1 AS vector[])) WITH ORDINALITY AS r(v, ord)
      LEFT JOIN LATERAL (
        SELECT s.artifact_id, max(s.first) OVER () AS top
        FROM (
          SELECT p.artifact_id, max(p.sim) FILTER (WHERE p.n = 1) AS first,
                 max(p.sim) FILTER (WHERE p.n = 2) AS second
          FROM (
            SELECT e.artifact_id, 1 - (e.embedding_vector <=> r.v) AS sim,
                   row_number() OVER (PARTITION BY e.artifact_id
                                      ORDER BY e.embedding_vector <=> r.v) AS n
            FROM embeddings.artifact_embeddings e
            WHERE e.user_id = ?2 AND e.model_version = ?3
              AND e.content_type IN ('chunk', 'summary')
          ) p
          WHERE p.n <= 2
          GROUP BY p.artifact_id
        ) s
        ORDER BY s.first + 0.5 * coalesce(s.second, s.first) DESC, s.artifact_id
        LIMIT 1
      ) best ON true
      ORDER BY r.ord
      """;

  @PersistenceContext(unitName = "search")
  EntityManager em;

  @Inject QueryEmbeddings queries;
  @Inject EmbeddingPipeline pipeline;

  /**
   * Recent postings' embedded requirements: one CV asks for them twice (ranking explanations and
   * coverage), and a person tailoring to a posting repeats it. Keyed by model and text.
   */
  private final Map<String, List<Requirement>> recent =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Requirement>> eldest) {
              return size() > RECENT_POSTINGS;
            }
          });

  @Override
  public List<Requirement> requirements(String posting) {
    String key = pipeline.activeModel() + "\n" + posting;
    List<Requirement> cached = recent.get(key);
    if (cached != null) {
      return cached;
    }
    List<Requirement> embedded = embedRequirements(posting);
    recent.put(key, embedded);
    return embedded;
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
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(BEST_EVIDENCE)
            .setParameter(1, vectors)
            .setParameter(2, userId)
            .setParameter(3, pipeline.activeModel())
            .getResultList();
    List<Match> matches = new ArrayList<>(requirements.size());
    for (Object[] row : rows) {
      int index = ((Number) row[0]).intValue() - 1;
      matches.add(
          new Match(
              requirements.get(index).text(),
              row[1] == null ? null : ((Number) row[1]).longValue(),
              row[2] == null ? 0 : ((Number) row[2]).doubleValue()));
    }
    return matches;
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
