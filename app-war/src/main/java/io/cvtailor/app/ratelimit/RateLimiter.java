package io.cvtailor.app.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cvtailor.kernel.log.RequestIds;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Token buckets (Bucket4j) per caller and route class. {@code rate-limit.store=local} keeps them in
 * this instance's memory (a bounded Caffeine cache: a flood of new addresses cannot grow it without
 * end); {@code postgresql} keeps them in {@code identity.rate_limit_buckets}, so several instances
 * share one budget per caller (Bucket4j's SELECT ... FOR UPDATE proxy manager; one short
 * transaction per request).
 */
@ApplicationScoped
public class RateLimiter {
  private static final Logger LOG = RequestIds.logger(RateLimiter.class);

  static final int MAX_LOCAL_BUCKETS = 100_000;
  static final String TABLE = "identity.rate_limit_buckets";

  /** Defaults per class: burst capacity and tokens refilled per minute. */
  private static final Map<RouteClass, long[]> DEFAULTS =
      Map.of(
          RouteClass.READ, new long[] {600, 1200},
          RouteClass.SEARCH, new long[] {120, 240},
          RouteClass.EXPENSIVE, new long[] {20, 30},
          RouteClass.ANONYMOUS, new long[] {60, 60});

  /** The answer for one request: allowed, or the whole seconds to wait. */
  public record Verdict(boolean allowed, long remaining, long retryAfterSeconds) {}

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Resource ManagedScheduledExecutorService scheduler;

  private boolean enabled;
  private final Map<RouteClass, BucketConfiguration> configurations =
      new EnumMap<>(RouteClass.class);
  private Store store;
  private ScheduledFuture<?> cleaning;

  @PostConstruct
  void init() {
    Config config = ConfigProvider.getConfig();
    enabled = config.getOptionalValue("rate-limit.enabled", Boolean.class).orElse(true);
    for (RouteClass route : RouteClass.values()) {
      long[] defaults = DEFAULTS.get(route);
      long capacity =
          config
              .getOptionalValue("rate-limit." + route.key() + ".capacity", Long.class)
              .orElse(defaults[0]);
      long perMinute =
          config
              .getOptionalValue("rate-limit." + route.key() + ".per-minute", Long.class)
              .orElse(defaults[1]);
      configurations.put(route, configuration(capacity, perMinute));
    }
    String kind = config.getOptionalValue("rate-limit.store", String.class).orElse("local").strip();
    store =
        switch (kind.toLowerCase(Locale.ROOT)) {
          case "local" -> new LocalStore(MAX_LOCAL_BUCKETS);
          case "postgresql" -> {
            PostgreSQLSelectForUpdateBasedProxyManager<String> manager =
                postgresProxyManager(dataSource, TABLE);
            // Buckets that have refilled completely carry no information: dropped in the
            // background.
            cleaning =
                scheduler.scheduleWithFixedDelay(
                    () -> removeExpired(manager), 1, 1, TimeUnit.MINUTES);
            yield new SharedStore(manager);
          }
          default ->
              throw new IllegalArgumentException(
                  "rate-limit.store must be local or postgresql (got '" + kind + "')");
        };
  }

  @PreDestroy
  void stop() {
    if (cleaning != null) {
      cleaning.cancel(false);
    }
  }

  public boolean enabled() {
    return enabled;
  }

  /** Takes one token from the caller's bucket of the route class. */
  public Verdict consume(String caller, RouteClass route) {
    if (!enabled) {
      return new Verdict(true, Long.MAX_VALUE, 0);
    }
    ConsumptionProbe probe =
        store
            .bucket(route.key() + ":" + caller, configurations.get(route))
            .tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return new Verdict(true, probe.getRemainingTokens(), 0);
    }
    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
    return new Verdict(false, 0, seconds);
  }

  static BucketConfiguration configuration(long capacity, long perMinute) {
    return BucketConfiguration.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(Math.max(1, capacity))
                    .refillGreedy(Math.max(1, perMinute), Duration.ofMinutes(1)))
        .build();
  }

  /** The shared store's proxy manager over {@code identity.rate_limit_buckets} (migration V31). */
  static PostgreSQLSelectForUpdateBasedProxyManager<String> postgresProxyManager(
      DataSource dataSource, String table) {
    return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table(table)
        .idColumn("id")
        .stateColumn("state")
        .expiresAtColumn("expires_at")
        .expirationAfterWrite(
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                Duration.ofSeconds(10)))
        .build();
  }

  private static void removeExpired(PostgreSQLSelectForUpdateBasedProxyManager<String> manager) {
    try {
      while (manager.removeExpired(1000) == 1000) {
        // keep going while whole batches are removed
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "removing expired rate-limit buckets failed; next minute again", e);
    }
  }

  interface Store {
    Bucket bucket(String key, BucketConfiguration configuration);
  }

  /**
   * This instance's memory: at most {@code max} buckets in a Caffeine cache (its size-based
   * eviction keeps the buckets of callers seen often, so a flood of new addresses evicts mostly its
   * own). Per instance by design: with several instances use {@code rate-limit.store=postgresql}.
   */
  static final class LocalStore implements Store {
    private final Cache<String, Bucket> buckets;

    LocalStore(int max) {
      this.buckets =
          Caffeine.newBuilder()
              .maximumSize(max)
              // Eviction work on the calling thread, not on the common fork-join pool: no
              // unmanaged threads inside the application server.
              .executor(Runnable::run)
              .build();
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
      return buckets.get(
          key,
          k -> {
            var builder = Bucket.builder();
            for (var bandwidth : configuration.getBandwidths()) {
              builder.addLimit(bandwidth);
            }
            return builder.build();
          });
    }

    long size() {
      buckets.cleanUp();
      return buckets.estimatedSize();
    }
  }

  /** Buckets in PostgreSQL, shared by every instance. */
  record SharedStore(ProxyManager<String> manager) implements Store {
    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
      return manager.builder().build(key, () -> configuration);
    }
  }
}
