package io.cvtailor.cv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.artifacts.internal.ArtifactsModuleBeans;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvRefusedException;
import io.cvtailor.cv.CvService.CvRequest;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.search.ArtifactRanking;
import io.cvtailor.search.Fit;
import io.cvtailor.search.RankQuery;
import io.cvtailor.search.RankResult;
import io.cvtailor.search.RankingMethod;
import io.cvtailor.search.RequirementMatching;
import io.cvtailor.testsupport.ModuleDatabase;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CvAssembler} over the person's real artifacts and profile (the artifacts module's catalog
 * and accounts on the test database, no WAR), with the ranking and the model answered by hand so
 * the test decides what is relevant: a CV holds only the person's own artifacts that the posting
 * relates to (education kept, shortened), their own sentences most related to the requirements as
 * bullets, the skills the posting names in its order; an artifact id that is not the person's never
 * becomes an item, and a posting nothing relates to is refused.
 */
class CvAssemblerIT {
  static final String POSTING =
      "Payments engineer at Acme.\nRequirements:\n- Kafka pipelines\n- PostgreSQL tuning\n- Java";
  private static final String KAFKA_SENTENCE =
      "Built a Kafka pipeline that processed 2 million payments a day.";
  private static final String POSTGRES_SENTENCE =
      "Cut settlement time by 40% with PostgreSQL partitioning.";
  private static final String PICNIC_SENTENCE =
      "Organised the summer picnic of the office every year.";
  private static final String THESIS_SENTENCE = "Thesis on Kafka consumers and distributed queues.";

  private static EntityManager em;
  private static ArtifactCatalog catalog;
  private static UserAccounts accounts;
  private static long dana;
  private static Artifact payments;
  private static Artifact garden;
  private static Artifact degree;
  private static Artifact backend;
  private static Artifact bobs;

  @BeforeAll
  static void artifacts() {
    em = ModuleDatabase.persistenceUnit("artifacts").createEntityManager();
    catalog = ArtifactsModuleBeans.catalog(em);
    accounts = ArtifactsModuleBeans.accounts(em);
    dana =
        ModuleDatabase.inTransaction(
                em, () -> accounts.register(ModuleDatabase.uniqueEmail("dana"), "Dana Díaz"))
            .id();
    long bob =
        ModuleDatabase.inTransaction(
                em, () -> accounts.register(ModuleDatabase.uniqueEmail("bob"), "Bob"))
            .id();
    payments =
        create(
            dana,
            "experience",
            "Payments engineer",
            String.join(" ", KAFKA_SENTENCE, POSTGRES_SENTENCE, PICNIC_SENTENCE),
            List.of("Kafka", "PostgreSQL"));
    garden =
        create(
            dana,
            "project",
            "Garden planner",
            "A hobby app that plans vegetable beds by season.",
            List.of("gardening"));
    degree =
        create(
            dana,
            "education",
            "BSc Computer Science",
            THESIS_SENTENCE + " " + GRADUATED_SENTENCE,
            List.of());
    backend = create(dana, "skill", "Backend", null, List.of("Java", "Kafka"));
    bobs =
        create(bob, "experience", "Bob's Kafka work", "Bob ran Kafka for a long while.", List.of());
  }

  @AfterAll
  static void close() {
    em.close();
  }

  private static Artifact create(
      long user, String type, String title, String content, List<String> tags) {
    return ModuleDatabase.inTransaction(
        em,
        () ->
            catalog.create(
                user,
                new ArtifactDraft(
                    title, type, null, content, "Acme", null, "2019-01", "2023-06", tags, null,
                    Map.of(), null)));
  }

  /** The ranking's part: semantic similarities chosen by the test, explanations on request. */
  record HandMadeRanking(Map<Long, Double> semantic) implements ArtifactRanking {
    @Override
    public RankResult rank(RankQuery query) {
      List<RankResult.RankedArtifact> ranked =
          semantic.entrySet().stream()
              .filter(e -> query.artifactIds() == null || query.artifactIds().contains(e.getKey()))
              .sorted(Map.Entry.<Long, Double>comparingByValue().reversed())
              .map(
                  e ->
                      new RankResult.RankedArtifact(
                          e.getKey(),
                          e.getValue(),
                          e.getValue(),
                          0,
                          query.explain() ? "explained " + e.getKey() : null,
                          List.of(),
                          List.of(),
                          null))
              .toList();
      return new RankResult(ranked, false, Map.of(), null);
    }
  }

  private static final String GRADUATED_SENTENCE = "Graduated with honours after four happy years.";

  /** Sentences with an axis of their own, so that two of them are never near-duplicates. */
  private static final List<String> OWN_AXIS =
      List.of(
          KAFKA_SENTENCE, POSTGRES_SENTENCE, PICNIC_SENTENCE, THESIS_SENTENCE, GRADUATED_SENTENCE);

  /**
   * Two requirements on two axes: a sentence points along the axis of the requirement words it has
   * (cosine 0.55 to that requirement, 0 to the other) and along its own axis.
   */
  static float[] vectorOf(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    float[] v = new float[3 + OWN_AXIS.size()];
    v[0] = lower.contains("kafka") ? 1 : 0;
    v[1] = lower.contains("postgresql") ? 1 : 0;
    if (v[0] == 0 && v[1] == 0) {
      v[2] = 1;
    }
    int own = OWN_AXIS.indexOf(text);
    if (own >= 0) {
      v[3 + own] = 1.5f;
    }
    return v;
  }

  static final class HandMadeModel implements RequirementMatching, QueryEmbeddings {
    private final List<Requirement> requirements =
        List.of(
            new Requirement("Kafka pipelines", vectorOf("kafka")),
            new Requirement("PostgreSQL tuning", vectorOf("postgresql")));
    private final double coverage;

    HandMadeModel(double coverage) {
      this.coverage = coverage;
    }

    @Override
    public List<Requirement> requirements(String posting) {
      return requirements;
    }

    @Override
    public List<Match> bestEvidence(long userId, List<Requirement> asked) {
      return asked.stream()
          .map(
              r ->
                  new Match(r.text(), payments.id(), coverage, new Fit(Fit.PARTIAL, coverage, 0.5)))
          .toList();
    }

    @Override
    public List<Double> relevance(List<String> sentences, List<Requirement> asked) {
      throw new UnsupportedOperationException("not used by the assembler");
    }

    @Override
    public List<Piece> embedPieces(String text) {
      return List.of(new Piece(text, vectorOf(text)));
    }

    @Override
    public float[] embed(String text) {
      return vectorOf(text);
    }

    @Override
    public List<float[]> embedEach(List<String> texts) {
      return texts.stream().map(CvAssemblerIT::vectorOf).toList();
    }
  }

  /** MicroProfile Config with only the settings given. */
  record Settings(Map<String, String> values) implements Config {
    @Override
    public <T> T getValue(String name, Class<T> type) {
      return getOptionalValue(name, type).orElseThrow();
    }

    @Override
    public ConfigValue getConfigValue(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
      String value = values.get(name);
      if (value == null) {
        return Optional.empty();
      }
      if (type == Double.class) {
        return Optional.of(type.cast(Double.valueOf(value)));
      }
      if (type == Integer.class) {
        return Optional.of(type.cast(Integer.valueOf(value)));
      }
      return Optional.of(type.cast(value));
    }

    @Override
    public Iterable<String> getPropertyNames() {
      return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
      return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
      return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new IllegalArgumentException();
    }
  }

  private static CvAssembler assembler(Map<Long, Double> semantic, double coverage) {
    CvAssembler assembler = new CvAssembler();
    HandMadeModel model = new HandMadeModel(coverage);
    assembler.ranking = new HandMadeRanking(semantic);
    assembler.matching = model;
    assembler.queries = model;
    assembler.catalog = catalog;
    assembler.accounts = accounts;
    assembler.config = new Settings(Map.of("cv.highlights-per-item", "2"));
    assembler.pipeline =
        new EmbeddingPipeline() {
          @Override
          public void start() {}

          @Override
          public boolean modelLoaded() {
            return true;
          }

          @Override
          public String activeModel() {
            return "cv-test-model";
          }

          @Override
          public int dimensions() {
            return 4;
          }
        };
    return assembler;
  }

  private static CvRequest request() {
    return new CvRequest(
        POSTING, "Payments engineer", "Acme", RankingMethod.HYBRID, 5, Set.of(), null);
  }

  private static Map<String, List<Cv.Item>> sections(Cv cv) {
    return cv.sections().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Cv.Section::name, Cv.Section::items, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  @Test
  void holdsOnlyTheRelatedArtifactsOfThePersonWithTheirOwnMostRelatedSentences() {
    Cv cv =
        assembler(
                Map.of(
                    bobs.id(), 0.95, // a ranking that leaked another user's id
                    payments.id(), 0.8,
                    backend.id(), 0.6,
                    garden.id(), 0.1, // below cv.min-similarity (0.3)
                    degree.id(), 0.05),
                0.8)
            .assemble(dana, request());

    Map<String, List<Cv.Item>> sections = sections(cv);
    assertThat(sections.keySet()).containsExactly("experience", "education");
    Cv.Item experience = sections.get("experience").get(0);
    assertThat(sections.get("experience")).hasSize(1);
    assertThat(experience.artifactId()).isEqualTo(payments.id());
    assertThat(experience.title()).isEqualTo("Payments engineer");
    assertThat(experience.dates()).isEqualTo("2019-01 – 2023-06");
    assertThat(experience.explanation()).isEqualTo("explained " + payments.id());
    // two bullets per item (cv.highlights-per-item=2): the picnic relates to no requirement
    assertThat(experience.highlights()).containsExactly(KAFKA_SENTENCE, POSTGRES_SENTENCE);
    // education is kept whatever the posting, shortened to its most related sentence
    assertThat(sections.get("education"))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.artifactId()).isEqualTo(degree.id());
              assertThat(item.highlights()).containsExactly(THESIS_SENTENCE);
            });
    assertThat(cv.sections().stream().flatMap(s -> s.items().stream()).map(Cv.Item::artifactId))
        .doesNotContain(bobs.id(), garden.id(), backend.id());
    // skills the person has that the posting names, in the posting's order; not the hobby tag
    assertThat(cv.skills()).containsExactly("Kafka", "PostgreSQL", "Java");
    assertThat(cv.coverage().coveredRatio()).isEqualTo(1.0);
    assertThat(cv.coverage().requirements())
        .allSatisfy(r -> assertThat(r.bestArtifactId()).isEqualTo(payments.id()));
    assertThat(cv.basics().name()).isEqualTo("Dana Díaz");
    assertThat(cv.jobTitle()).isEqualTo("Payments engineer");
  }

  @Test
  void refusesAPostingNothingRelatesTo() {
    CvAssembler unrelated =
        assembler(Map.of(payments.id(), 0.2, garden.id(), 0.1, degree.id(), 0.05), 0.2);

    assertThatThrownBy(() -> unrelated.assemble(dana, request()))
        .isInstanceOf(CvRefusedException.class)
        .hasMessageContaining("0 of 2 requirements covered, 0 related artifacts");
  }
}
