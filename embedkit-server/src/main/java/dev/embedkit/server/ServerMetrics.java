package dev.embedkit.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's metrics in a Micrometer Prometheus registry, scraped as text at {@code GET /metrics}. Rates
 * (embeddings and tokens per second) are Prometheus' {@code rate()} over the counters, as usual for that format.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** Request timers by method, route and status: looked up once, not built per request. */
  private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();

  /** One finished HTTP request: its route pattern (not the raw path, so a scan cannot blow up the series). */
  public void request(String method, String route, int status, long nanos) {
    requestTimers.computeIfAbsent(method + ' ' + route + ' ' + status, key -> Timer.builder("embedkit.http.requests")
        .description("HTTP requests by route and status, with latency")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One inference call the batcher made: how many inputs, their tokens, and how long it ran. */
  public void batch(String model, int inputs, long tokens, long nanos) {
    DistributionSummary.builder("embedkit.batch.inputs").description("inputs per inference call").tags("model", model)
        .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(4096.0).register(registry).record(inputs);
    DistributionSummary.builder("embedkit.batch.tokens").description("tokens per inference call").tags("model", model)
        .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(65536.0).register(registry).record(tokens);
    Timer.builder("embedkit.inference").description("time in the model per inference call").tags("model", model)
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder("embedkit.embeddings").description("embeddings computed").tags("model", model).register(registry).increment(inputs);
    Counter.builder("embedkit.tokens").description("tokens embedded").tags("model", model).register(registry).increment(tokens);
  }

  /** How long a model took to load. */
  public void modelLoaded(String model, long nanos) {
    Gauge.builder("embedkit.model.load.seconds", () -> nanos / 1e9).description("time the model took to load")
        .tags("model", model).register(registry);
  }

  /** A value read at each scrape (queue depth, requests in flight). */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** A gauge per model. */
  public void gauge(String name, String description, String model, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).tags("model", model).register(registry);
  }

  /** The Prometheus text exposition (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  public void close() {
    registry.close();
  }
}
