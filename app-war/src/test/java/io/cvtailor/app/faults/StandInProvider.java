package io.cvtailor.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * An OpenAI-compatible {@code POST .../v1/embeddings} in the test's JVM: scripted answers first
 * (one per request), then the standing fault if one is set, else deterministic unit vectors of the
 * given dimensions (after the standing delay, if any). It records every request: which client sent
 * it (the path before {@code /v1}, so that several servers given {@link #baseUrl(String)} with
 * their own names can be told apart) and its inputs, so that a test can count model calls.
 */
public final class StandInProvider implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received: the client's name ("" for {@link #baseUrl()}) and its inputs. */
  public record Request(String client, List<String> inputs) {}

  /** One scripted answer of the stand-in. */
  public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
    public static Reply status(int status, String... headerPairs) {
      Map<String, String> headers = new HashMap<>();
      for (int i = 0; i + 1 < headerPairs.length; i += 2) {
        headers.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Reply(status, headers, "{\"error\":{\"message\":\"stand-in fault\"}}", null);
    }

    /** The normal answer, but only after {@code delay}. */
    public static Reply late(Duration delay) {
      return new Reply(-1, Map.of(), null, delay);
    }

    /** {@code count} vectors of {@code dimensions} values, each written as {@code value}. */
    public static Reply vectors(JsonNode request, int dimensions, int count, String value) {
      StringBuilder body = new StringBuilder("{\"object\":\"list\",\"data\":[");
      for (int i = 0; i < count; i++) {
        body.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"embedding\":[");
        for (int d = 0; d < dimensions; d++) {
          body.append(d == 0 ? "" : ",").append(value);
        }
        body.append("]}");
      }
      body.append("],\"model\":\"stand-in\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
      return new Reply(200, Map.of(), body.toString(), null);
    }
  }

  /** Requests received so far, whatever their answer. */
  public final AtomicInteger requests = new AtomicInteger();

  private final int dimensions;
  private final Queue<Function<JsonNode, Reply>> script = new ConcurrentLinkedQueue<>();
  private final Queue<Request> received = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private volatile Function<JsonNode, Reply> always;
  private volatile Duration delay = Duration.ZERO;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final HttpServer server;

  public StandInProvider(int dimensions) throws IOException {
    this.dimensions = dimensions;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return baseUrl("");
  }

  /** The base URL to give the server called {@code client} (letters, digits and dashes). */
  public String baseUrl(String client) {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + (client.isEmpty() ? "" : "/" + client)
        + "/v1";
  }

  public void script(List<Function<JsonNode, Reply>> replies) {
    script.clear();
    script.addAll(replies);
  }

  public void always(Function<JsonNode, Reply> reply) {
    always = reply;
  }

  /** Every normal answer waits this long first (a slow model: work stays in flight). */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  /** The requests received so far, in order. */
  public List<Request> received() {
    return List.copyOf(received);
  }

  /** Requests from {@code client} being answered right now. */
  public int inFlight(String client) {
    return inFlight.computeIfAbsent(client, c -> new AtomicInteger()).get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.endsWith("/v1/embeddings")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String client = path.substring(0, path.length() - "/v1/embeddings".length());
      client = client.startsWith("/") ? client.substring(1) : client;
      AtomicInteger busy = inFlight.computeIfAbsent(client, c -> new AtomicInteger());
      busy.incrementAndGet();
      try {
        requests.incrementAndGet();
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        List<String> inputs = new ArrayList<>();
        request.path("input").forEach(i -> inputs.add(i.asText()));
        received.add(new Request(client, List.copyOf(inputs)));
        Function<JsonNode, Reply> next = script.poll();
        if (next == null) {
          next = always;
        }
        Reply reply = next == null ? normal(request) : next.apply(request);
        if (reply.delay() != null) {
          LockSupport.parkNanos(reply.delay().toNanos());
          reply = normal(request);
        }
        if (next == null && !delay.isZero()) {
          LockSupport.parkNanos(delay.toNanos());
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
      } finally {
        busy.decrementAndGet();
      }
    }
  }

  /** One deterministic unit vector per input. */
  private Reply normal(JsonNode request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    JsonNode input = request.path("input");
    for (int i = 0; i < input.size(); i++) {
      int hash = input.get(i).asText().hashCode();
      double[] v = new double[dimensions];
      double norm = 0;
      for (int d = 0; d < dimensions; d++) {
        v[d] = ((hash >>> (3 * d)) & 0xff) + 1;
        norm += v[d] * v[d];
      }
      ObjectNode item = data.addObject();
      item.put("index", i);
      ArrayNode embedding = item.putArray("embedding");
      for (double x : v) {
        embedding.add(x / Math.sqrt(norm));
      }
    }
    body.put("model", "stand-in");
    body.putObject("usage").put("prompt_tokens", input.size()).put("total_tokens", input.size());
    return new Reply(200, Map.of(), body.toString(), null);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
