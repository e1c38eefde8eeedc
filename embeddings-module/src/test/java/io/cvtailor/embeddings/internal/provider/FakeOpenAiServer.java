package io.cvtailor.embeddings.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} on 127.0.0.1 and a random port. Without a script
 * it answers with deterministic vectors ({@link #vectorFor}) listed in reverse order, so clients
 * must sort by {@code index}; scripted replies are used first, one per request.
 */
final class FakeOpenAiServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, Map<String, String> headers, String body) {}

  record Received(JsonNode body, String authorization) {
    List<String> inputs() {
      List<String> inputs = new ArrayList<>();
      body.path("input").forEach(node -> inputs.add(node.asText()));
      return inputs;
    }
  }

  final List<Received> requests = new CopyOnWriteArrayList<>();
  private final Queue<Function<JsonNode, Reply>> script = new ConcurrentLinkedQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpServer server;
  private final int dimensions;

  FakeOpenAiServer(int dimensions) throws IOException {
    this.dimensions = dimensions;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/embeddings", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The next request gets this reply. */
  FakeOpenAiServer then(Function<JsonNode, Reply> reply) {
    script.add(reply);
    return this;
  }

  FakeOpenAiServer then(int status, String body, String... headerPairs) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return then(request -> new Reply(status, headers, body));
  }

  /** A reply that comes only when the test ends: the client must time out. */
  FakeOpenAiServer thenHang() {
    return then(
        request -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return embeddings(request);
        });
  }

  /** A correct reply: one vector per input, listed in reverse order. */
  Reply embeddings(JsonNode request) {
    int dims = request.has("dimensions") ? request.get("dimensions").asInt() : dimensions;
    ObjectNode body = JSON.createObjectNode();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    JsonNode input = request.path("input");
    for (int i = input.size() - 1; i >= 0; i--) {
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      ArrayNode embedding = item.putArray("embedding");
      for (float value : vectorFor(input.get(i).asText(), dims)) {
        embedding.add(value);
      }
    }
    body.put("model", request.path("model").asText());
    body.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
    return new Reply(200, Map.of("Content-Type", "application/json"), body.toString());
  }

  static float[] vectorFor(String text, int dims) {
    Random random = new Random(text.hashCode());
    float[] vector = new float[dims];
    for (int d = 0; d < dims; d++) {
      vector[d] = random.nextFloat() * 2 - 1;
    }
    return vector;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      requests.add(new Received(request, exchange.getRequestHeaders().getFirst("Authorization")));
      Function<JsonNode, Reply> scripted = script.poll();
      Reply reply = scripted == null ? embeddings(request) : scripted.apply(request);
      reply.headers().forEach(exchange.getResponseHeaders()::add);
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client gave up (a timeout test): nothing to answer
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
