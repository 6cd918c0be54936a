package dev.embedkit.bench.store;

import dev.embedkit.bench.store.StoreResults.SweepPoint;
import dev.embedkit.bench.store.StoreResults.Timing;
import java.util.Comparator;
import java.util.List;

/**
 * Queries per second at a target recall, read off an ef sweep: linear interpolation in recall between the two sweep
 * points around the target (ef and queries per second alike). When the smallest ef already reaches the target the
 * answer is that point's (a lower bound: a smaller ef would be faster); when no ef reaches it there is none.
 *
 * @param ef the interpolated ef
 * @param qps queries per second there
 * @param kind how it was found
 */
record AtRecall(double ef, double qps, Kind kind) {
  enum Kind { INTERPOLATED, LOWER_BOUND, NOT_REACHED }

  static AtRecall of(List<SweepPoint> sweep, int threads, double target) {
    List<SweepPoint> points = sweep.stream().filter(p -> p.timing(threads) != null)
        .sorted(Comparator.comparingInt(SweepPoint::ef)).toList();
    if (points.isEmpty()) {
      return new AtRecall(Double.NaN, Double.NaN, Kind.NOT_REACHED);
    }
    if (points.get(0).recall() >= target) {
      return new AtRecall(points.get(0).ef(), points.get(0).timing(threads).qps(), Kind.LOWER_BOUND);
    }
    for (int i = 1; i < points.size(); i++) {
      SweepPoint a = points.get(i - 1);
      SweepPoint b = points.get(i);
      if (a.recall() < target && b.recall() >= target) {
        double f = (target - a.recall()) / (b.recall() - a.recall());
        Timing ta = a.timing(threads);
        Timing tb = b.timing(threads);
        return new AtRecall(a.ef() + f * (b.ef() - a.ef()), ta.qps() + f * (tb.qps() - ta.qps()), Kind.INTERPOLATED);
      }
    }
    return new AtRecall(Double.NaN, Double.NaN, Kind.NOT_REACHED);
  }

  String qpsText() {
    return switch (kind) {
      case INTERPOLATED -> String.format("%,.0f", qps);
      case LOWER_BOUND -> String.format(">= %,.0f", qps);
      case NOT_REACHED -> "not reached";
    };
  }
}
