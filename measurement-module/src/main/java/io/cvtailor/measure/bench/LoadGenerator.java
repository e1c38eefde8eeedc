package io.cvtailor.measure.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: {@code clients} threads each send a request, wait for its answer and send the
 * next, for a warm-up period (not recorded) and then a measured period. Throughput is completed
 * requests per second of the measured period; latency is per request as the client saw it.
 */
final class LoadGenerator {

  /** One request; throws when the answer is wrong (counted as an error, not as a latency). */
  @FunctionalInterface
  interface Request {
    void send(SplittableRandom random) throws Exception;
  }

  record Result(int clients, long requests, long errors, double seconds, Latencies latencies) {
    double throughput() {
      return requests / seconds;
    }
  }

  private LoadGenerator() {}

  static Result run(int clients, Duration warmUp, Duration measured, long seed, Request request)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    AtomicLong errors = new AtomicLong();
    List<double[]> perClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    Throwable[] firstError = new Throwable[1];
    for (int c = 0; c < clients; c++) {
      double[][] samples = {new double[1024]};
      int[] count = {0};
      SplittableRandom random = new SplittableRandom(seed * 31 + c);
      Thread thread =
          new Thread(
              () -> {
                while (true) {
                  long sent = System.nanoTime();
                  if (sent >= measureUntil) {
                    break;
                  }
                  try {
                    request.send(random);
                  } catch (Exception e) {
                    if (sent >= measureFrom) {
                      errors.incrementAndGet();
                    }
                    synchronized (firstError) {
                      if (firstError[0] == null) {
                        firstError[0] = e;
                      }
                    }
                    continue;
                  }
                  long answered = System.nanoTime();
                  if (sent >= measureFrom && answered <= measureUntil) {
                    if (count[0] == samples[0].length) {
                      samples[0] = Arrays.copyOf(samples[0], count[0] * 2);
                    }
                    samples[0][count[0]++] = (answered - sent) / 1e6;
                  }
                }
                synchronized (perClient) {
                  perClient.add(Arrays.copyOf(samples[0], count[0]));
                }
              },
              "load-" + c);
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    if (firstError[0] != null) {
      BenchContext.progress("  first error: %s", firstError[0]);
    }
    double[] all = perClient.stream().flatMapToDouble(Arrays::stream).toArray();
    return new Result(
        clients, all.length, errors.get(), measured.toNanos() / 1e9, Latencies.of(all));
  }
}
