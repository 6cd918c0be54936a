package dev.embedkit.bench.explore;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The Java heap's peak use: the largest heap use seen just before a collection (from the collectors' notifications)
 * or now. Not the sum of the heap pools' own peaks, which add young, survivor and old peaks reached at different
 * times and came out above the process's peak RSS for t-SNE at 10,000 points.
 */
final class HeapPeak implements NotificationListener {
  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong peakBytes = new AtomicLong();

  private HeapPeak() {}

  /** Starts listening to every collector. */
  static HeapPeak start() {
    HeapPeak peak = new HeapPeak();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(peak, null, null);
      }
    }
    return peak;
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
    long used = 0;
    for (var pool : info.getMemoryUsageBeforeGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    peakBytes.accumulateAndGet(used, Math::max);
  }

  /** The peak so far in KiB: the largest use before a collection, or the use now when that is larger. */
  long peakKib() {
    MemoryUsage now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return Math.max(peakBytes.get(), now.getUsed()) / 1024;
  }
}
