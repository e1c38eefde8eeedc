package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.client.ApiClient;
import io.cvtailor.client.ApiException;
import io.cvtailor.client.ApiResponse;
import io.cvtailor.client.api.ArtifactsApi;
import io.cvtailor.client.api.IdentityApi;
import io.cvtailor.client.api.SearchAndRankingApi;
import io.cvtailor.client.model.Artifact;
import io.cvtailor.client.model.ArtifactDraft;
import io.cvtailor.client.model.IssuedToken;
import io.cvtailor.client.model.Match;
import io.cvtailor.client.model.RegisterRequest;
import io.cvtailor.client.model.Registered;
import io.cvtailor.client.model.SignInRequest;
import io.cvtailor.client.model.SimilarRequest;
import io.cvtailor.client.model.SimilarResult;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17 item 7: the Java client generated at build time from the OpenAPI document the
 * application serves ({@code io.cvtailor.client}, see app-war/pom.xml) works against the running
 * application: it registers, signs in for a token, creates an artifact, waits until it is embedded
 * and finds it by a similarity search, with nothing but the generated types. It also shows the
 * request id the server echoes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GeneratedClientIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  private ApiClient client(String token, String requestId) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(deployment.toString().replaceAll("/+$", ""));
    client.setReadTimeout(Duration.ofSeconds(60));
    client.setRequestInterceptor(
        request -> {
          if (token != null) {
            request.header("Authorization", "Bearer " + token);
          }
          if (requestId != null) {
            request.header("X-Request-Id", requestId);
          }
        });
    return client;
  }

  @Test
  void registersCreatesAnArtifactAndFindsItThroughTheGeneratedClient() throws Exception {
    String email = "client-" + UUID.randomUUID() + "@example.org";
    IdentityApi anonymous = new IdentityApi(client(null, null));
    Registered registered =
        anonymous.authResourceRegister(
            new RegisterRequest()
                .email(email)
                .password("correct horse battery")
                .displayName("Generated Client"));
    assertThat(registered.getEmail()).isEqualTo(email);
    IssuedToken token =
        anonymous.authResourceCreateToken(
            new SignInRequest().email(email).password("correct horse battery").name("smoke"));
    assertThat(token.getToken()).isNotBlank();

    ArtifactsApi artifacts = new ArtifactsApi(client(token.getToken(), null));
    Artifact created =
        artifacts.artifactResourceCreate(
            new ArtifactDraft()
                .title("Kafka billing pipeline")
                .artifactType("project")
                .description("Built the Kafka pipeline that bills two million payments a day.")
                .tags(List.of("kafka", "billing")));
    assertThat(created.getId()).isPositive();
    assertThat(created.getUserId()).isEqualTo(registered.getUserId());
    assertThat(created.getEmbeddingStatus()).isEqualTo("pending");

    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    Artifact read = artifacts.artifactResourceGet(String.valueOf(created.getId()));
    while ("pending".equals(read.getEmbeddingStatus()) && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
      read = artifacts.artifactResourceGet(String.valueOf(created.getId()));
    }
    assertThat(read.getEmbeddingStatus()).isEqualTo("ready");

    SearchAndRankingApi search =
        new SearchAndRankingApi(client(token.getToken(), "client-smoke-1"));
    ApiResponse<SimilarResult> found =
        search.searchResourceSimilarWithHttpInfo(
            new SimilarRequest()
                .queryText("payments streaming with Kafka")
                .similarityThreshold(-1.0));

    assertThat(found.getStatusCode()).isEqualTo(200);
    assertThat(found.getData().getResults())
        .extracting(Match::getArtifactId)
        .containsExactly(created.getId());
    assertThat(found.getData().getResults().get(0).getArtifact().getTitle())
        .isEqualTo("Kafka billing pipeline");
    // the caller's request id comes back (and is in the server's log lines for this request)
    assertThat(found.getHeaders().get("x-request-id")).containsExactly("client-smoke-1");
  }

  @Test
  void aProblemAnswerReachesTheCallerAsAnApiExceptionWithTheProblemBody() {
    ArtifactsApi artifacts = new ArtifactsApi(client("not-a-token", null));

    ApiException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ApiException.class, () -> artifacts.artifactResourceGet("1"));

    assertThat(refused.getCode()).isEqualTo(401);
    assertThat(refused.getResponseBody()).contains("\"status\":401");
    assertThat(refused.getResponseHeaders().map().get("x-request-id")).hasSize(1);
  }
}
