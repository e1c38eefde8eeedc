package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Through every module over HTTP: an artifact is created (artifacts), embedded in the background by
 * the local model (embeddings, via a CDI event and the durable queue) and found by a similarity
 * query (search, a native {@code <=>} query over vectors stored by the AttributeConverter).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WalkingSkeletonIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @Test
  void createdArtifactIsEmbeddedAndFoundBySimilaritySearch() {
    Api api = new Api(deployment);
    String token = api.newUserToken("Ana");

    long rails =
        api.post(
                "api/v1/artifacts",
                token,
                Map.of(
                    "title", "Ruby on Rails billing platform",
                    "artifact_type", "project",
                    "description",
                        "Built a subscription billing system in Ruby on Rails with PostgreSQL.",
                    "tags", List.of("ruby", "rails")))
            .json()
            .get("id")
            .asLong();
    long railway =
        api.post(
                "api/v1/artifacts",
                token,
                Map.of(
                    "title", "Model railway club",
                    "artifact_type", "volunteer",
                    "description", "Treasurer of the model railway club; organised exhibitions."))
            .json()
            .get("id")
            .asLong();
    api.awaitEmbedded(rails, token);
    api.awaitEmbedded(railway, token);

    Api.Reply found =
        api.post(
            "api/v1/artifacts/search/similar",
            token,
            Map.of(
                "query_text",
                "web developer experienced with Ruby on Rails",
                "similarity_threshold",
                -1));

    assertThat(found.status()).as(found.raw().body()).isEqualTo(200);
    JsonNode results = found.json().get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("artifact_id").asLong()).isEqualTo(rails);
    assertThat(results.get(0).get("similarity_score").asDouble())
        .isGreaterThan(results.get(1).get("similarity_score").asDouble());
    assertThat(found.json().at("/query_info/method").asText()).isEqualTo("cosine");
  }

  @Test
  void readinessReportsDatabasePgvectorMigrationsAndModel() {
    Api api = new Api(deployment);
    Api.Reply ready =
        api.await("/health/ready", null, r -> r.status() == 200, java.time.Duration.ofSeconds(60));
    assertThat(ready.raw().body()).contains("\"UP\"");
    // the details are the operator's (NothingLeaksIT: the public body has none)
    Api.Reply details =
        api.call(
            "GET",
            "api/v1/operations/readiness",
            null,
            null,
            null,
            "X-Operator-Token",
            "test-operator-token");
    assertThat(details.status()).as(details.raw().body()).isEqualTo(200);
    assertThat(details.json().at("/database/pgvector").asText()).startsWith("0.8");
  }

  /**
   * The document clients generate code from, as the application serves it (not only as the build
   * wrote it): Redocly CLI's recommended rules report 0 errors. Before, 86 errors: every
   * Retry-After header had no schema (a response header built in the OpenAPI filter loses it in the
   * build plugin's output; the filter now adds responses declared once in the components by
   * reference); and Payara's /openapi adds a top-level {@code endpoints} key (1 error), hence
   * {@code /api/v1/openapi.yaml}.
   */
  @Test
  void theServedOpenApiDocumentPassesRedoclysRecommendedRules() throws Exception {
    Api.Reply served = new Api(deployment).get("api/v1/openapi.yaml", null);
    assertThat(served.status()).isEqualTo(200);
    Path target = Path.of(System.getProperty("basedir", "."), "target");
    Path document = target.resolve("openapi-served.yaml");
    Files.writeString(document, served.raw().body());
    Path cli = NpmPackages.install("redocly", "@redocly/cli/bin/cli.js");
    Process lint =
        new ProcessBuilder("node", cli.toString(), "lint", document.toString(), "--format=stylish")
            .redirectErrorStream(true)
            .start();
    String output = new String(lint.getInputStream().readAllBytes());
    assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(lint.exitValue()).as(output).isZero();
    assertThat(output).as(output).doesNotContain(" error ");
  }
}
