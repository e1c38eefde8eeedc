package io.cvtailor.measure.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cvtailor.measure.app.ApiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible {@code /v1/embeddings} endpoint on localhost that answers at once with a
 * deterministic vector per text, so the application can run configured for a 1536-dimension model
 * without a network: the benchmark measures cvtailor, not a remote service.
 */
final class StandInEmbeddingServer implements AutoCloseable {
  private final HttpServer server;
  private final SyntheticVectors vectors;

  private StandInEmbeddingServer(HttpServer server, SyntheticVectors vectors) {
    this.server = server;
    this.vectors = vectors;
  }

  static StandInEmbeddingServer start(SyntheticVectors vectors) throws IOException {
    // Headers and body go out as separate writes: without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK add ~40 ms to every answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StandInEmbeddingServer standIn = new StandInEmbeddingServer(server, vectors);
    server.createContext("/v1/embeddings", standIn::answer);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return standIn;
  }

  /** The base URL to configure as {@code openai.base-url}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = ApiClient.JSON.readTree(exchange.getRequestBody());
      JsonNode input = request.path("input");
      ObjectNode body = ApiClient.JSON.createObjectNode();
      body.put("object", "list");
      body.put("model", request.path("model").asText());
      ArrayNode data = body.putArray("data");
      int tokens = 0;
      for (int i = 0; i < input.size(); i++) {
        String text = input.get(i).asText();
        tokens += text.length() / 4 + 1;
        ObjectNode item = data.addObject();
        item.put("object", "embedding");
        item.put("index", i);
        ArrayNode embedding = item.putArray("embedding");
        for (float value : vectors.vector(text.hashCode() & 0x7fffffffL)) {
          embedding.add(value);
        }
      }
      body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
      byte[] bytes = ApiClient.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
