package io.cvtailor.measure.bench;

import io.cvtailor.measure.app.RunningApp;
import io.cvtailor.testsupport.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./cvtailor bench}: the performance figures of ft-llm-002 and ADR-001, measured on this
 * machine in one run on a throw-away database, beside the raw JDBC floor and a peer library.
 *
 * <pre>
 * usage: BenchCommand [--quick] [--full] [--scale N] [--seed S] [--out DIR] [--json FILE]
 *                     [--only search,ingest,cv,abuse,ratelimit,hnsw,store,soak,models,cluster]
 *                     [--minutes N]
 * </pre>
 *
 * Sections, in order: per-user search through the REST API and over JDBC at 384 dimensions (local
 * model) with 1, 16 and 100 clients, with the application's heap and RSS; end-to-end ingest with
 * the local model; rank and CV latency for a 60-artifact portfolio; a flood from one user against
 * the rate limits beside a second user's latency (its own instance, rate limits on);
 * collection-wide HNSW recall against latency for ef_search 10-200, vector and halfvec; stored
 * vectors per second against LangChain4j's PgVectorEmbeddingStore; per-user search again at 1536
 * dimensions (an OpenAI-sized model); {@code abuse}: issue 11's hostile requests while another user
 * searches (see {@link AbuseBench}); {@code soak}, only when named in {@code --only}: mixed traffic
 * from several users for {@code --minutes} (default 10; see {@link SoakBench}); {@code models},
 * only when named: what each local model costs per artifact (see {@link ModelCostBench}); {@code
 * cluster}, only when named: 1, 2 and 3 instances behind haproxy and the standby's lag (see {@link
 * ClusterBench}). Nothing is asserted: the figures are printed, written as CSV, PNG and JSON.
 */
public final class BenchCommand {
  static final List<String> SECTIONS =
      List.of("search", "ingest", "cv", "abuse", "ratelimit", "hnsw", "store");

  /** Sections that run only when {@code --only} names them (long by design). */
  static final List<String> ON_REQUEST = List.of("soak", "models", "cluster");

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    boolean full = false;
    Integer scale = null;
    long seed = 42;
    Path out = null;
    Path json = null;
    Set<String> only = Set.copyOf(SECTIONS);
    double soakMinutes = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--full" -> full = true;
        case "--scale" -> scale = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        case "--only" -> only = Set.of(args[++i].split(","));
        case "--minutes" -> soakMinutes = Double.parseDouble(args[++i]);
        default -> {
          System.err.println(
              "usage: ./cvtailor bench [--quick] [--full] [--scale N] [--seed S] [--out DIR]"
                  + " [--json FILE] [--only "
                  + String.join(",", SECTIONS)
                  + ","
                  + String.join(",", ON_REQUEST)
                  + "] [--minutes N]");
          System.exit(2);
        }
      }
    }
    int artifacts = scale != null ? scale : quick ? 10_000 : 100_000;
    if (out == null) {
      out = Path.of("target", "bench", quick ? "quick" : "run");
    }
    Instant started = Instant.now();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("date", DateTimeFormatter.ISO_INSTANT.format(started.atOffset(ZoneOffset.UTC)));
    run.put("args", String.join(" ", args));
    run.put("mode", quick ? "quick" : full ? "full" : "standard");
    run.put("artifacts", artifacts);
    run.put("seed", seed);
    run.put("machine", machine());
    BenchReport report = new BenchReport(out, run);
    BenchContext.progress(
        "mode %s, %,d artifacts, seed %d, output %s", run.get("mode"), artifacts, seed, out);

    TestDatabase database = TestDatabase.get();
    BenchContext ctx = new BenchContext(database, quick, full, artifacts, seed, report);
    try {
      PerUserSearchBench search = new PerUserSearchBench(ctx);
      // The application migrates the schema; the local-model sections share this instance (the
      // cluster section alone starts instances of its own, through scripts/cluster.sh).
      try (RunningApp app =
          only.equals(Set.of("cluster")) ? null : RunningApp.start(database, List.of())) {
        if (only.contains("search")) {
          search.run(app, PerUserSearchBench.LOCAL_384);
        }
        if (only.contains("ingest")) {
          EndToEndIngestBench.run(ctx, app);
        }
        if (only.contains("cv")) {
          CvLatencyBench.run(ctx, app);
        }
        if (only.contains("abuse")) {
          AbuseBench.run(ctx, app);
        }
        if (only.contains("soak")) {
          SoakBench.run(ctx, app, database, soakMinutes);
        }
      }
      if (only.contains("models")) {
        ModelCostBench.run(ctx, database);
      }
      if (only.contains("cluster")) {
        ClusterBench.run(ctx, database);
      }
      if (only.contains("ratelimit")) {
        RateLimitBench.run(ctx, database);
      }
      if (only.contains("hnsw")) {
        HnswSweepBench.run(ctx);
      }
      if (only.contains("store")) {
        VectorStoreBench.run(ctx);
      }
      if (only.contains("search")) {
        search.runWithModel(PerUserSearchBench.OPENAI_1536);
      }
    } finally {
      TestDatabase.dropIfCreated();
    }
    if (json != null) {
      report.writeJson(json);
    }
    report.writeJson(out.resolve("bench.json"));
    BenchContext.progress(
        "done in %s; CSV, PNG and JSON in %s",
        Duration.between(started, Instant.now())
            .truncatedTo(ChronoUnit.SECONDS)
            .toString()
            .substring(2)
            .toLowerCase(Locale.ROOT),
        out.toAbsolutePath());
    System.exit(0);
  }

  static Map<String, Object> machine() throws Exception {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      Files.readAllLines(cpuinfo).stream()
          .filter(line -> line.startsWith("model name"))
          .findFirst()
          .ifPresent(line -> machine.put("cpu", line.substring(line.indexOf(':') + 1).strip()));
    }
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.isReadable(meminfo)) {
      Files.readAllLines(meminfo).stream()
          .filter(line -> line.startsWith("MemTotal"))
          .findFirst()
          .ifPresent(line -> machine.put("memory", line.substring(line.indexOf(':') + 1).strip()));
    }
    machine.put(
        "bench_jvm_max_heap_mb",
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20);
    return machine;
  }
}
