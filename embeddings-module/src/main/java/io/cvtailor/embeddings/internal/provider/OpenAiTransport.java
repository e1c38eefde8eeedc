package io.cvtailor.embeddings.internal.provider;

import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.internal.provider.OpenAiEmbeddingProvider.CallGuard;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * One HTTP exchange with the embeddings endpoint, through the Fault Tolerance guards: the request
 * (URL, headers, key), the timeout over the whole exchange, and what a refused, timed-out or failed
 * exchange means ({@link TransientEmbeddingException} for timeouts, I/O errors and a full bulkhead;
 * a retryable {@link EmbeddingException} for an open circuit). The status of an answer is read by
 * {@link OpenAiStatus}.
 */
final class OpenAiTransport {
  private final OpenAiSettings settings;
  private final HttpClient client;
  private final CallGuard guard;

  OpenAiTransport(OpenAiSettings settings, HttpClient client, CallGuard guard) {
    this.settings = settings;
    this.client = client;
    this.guard = guard;
  }

  /** The HTTP client the application uses: connects within the request timeout. */
  static HttpClient httpClient(OpenAiSettings settings) {
    return HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A request for the JSON body, to send once per attempt. */
  HttpRequest request(String json) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(settings.embeddingsUri())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    settings.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    return builder.build();
  }

  /** One attempt through the guards, with their refusals turned into embedding exceptions. */
  String send(HttpRequest request) {
    try {
      return guard.call(() -> exchange(request));
    } catch (CircuitBreakerOpenException e) {
      // Retrying at once would only hit the open circuit again: leave it to the job queue.
      throw new EmbeddingException(
          "the embeddings API failed repeatedly; calls are paused (circuit open)", true, e);
    } catch (BulkheadException e) {
      throw new TransientEmbeddingException("too many concurrent embedding requests", e);
    } catch (org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException e) {
      throw new TransientEmbeddingException("the embeddings API did not answer in time", e);
    }
  }

  /** Sends one request and returns the body of a 2xx response, or throws. */
  private String exchange(HttpRequest request) {
    CompletableFuture<HttpResponse<String>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      // The request timeout covers only the wait for the headers; this bounds the whole exchange.
      response = pending.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut(e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while calling the embeddings API", true, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw timedOut(cause);
      }
      if (cause instanceof IOException) {
        throw new TransientEmbeddingException(
            "calling " + settings.embeddingsUri() + " failed: " + cause, cause);
      }
      throw new EmbeddingException(
          "calling " + settings.embeddingsUri() + " failed: " + cause, false, cause);
    }
    return OpenAiStatus.bodyOf(response);
  }

  private TransientEmbeddingException timedOut(Throwable cause) {
    return new TransientEmbeddingException(
        "no answer from "
            + settings.embeddingsUri()
            + " within "
            + settings.timeout().toMillis()
            + " ms",
        cause);
  }
}
