package org.rankscape.spark.sweep;

import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * What a sweep does when the JVM begins to shut down under it (Ctrl-C, SIGTERM, {@code
 * System.exit}): its hook runs before Spark stops its context, so that the sweep can stop
 * committing first. Stopping the context cancels every job; without this, a trial cancelled that
 * way would come back as failed, be committed, and lose its checkpoints. A trial's own failure is
 * the only failed commit.
 *
 * <p>The hook is registered with Hadoop's {@link ShutdownHookManager}, which runs its hooks one
 * after another, highest priority first; Spark's own hooks (among them the one that stops the
 * SparkContext) run inside it at priority 40 ({@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30}).
 */
public final class Interruption implements AutoCloseable {
  /** Above Spark's hooks: see the class comment. */
  private static final int PRIORITY = 100;

  private static volatile boolean shuttingDown;

  private final Runnable hook;

  private Interruption(Runnable hook) {
    this.hook = hook;
  }

  /**
   * Runs {@code beforeSparkStops} once if the JVM shuts down before {@link #close}; from then on
   * {@link #shuttingDown()} is true.
   */
  public static Interruption onShutdown(Runnable beforeSparkStops) {
    Runnable hook =
        () -> {
          shuttingDown = true;
          beforeSparkStops.run();
        };
    ShutdownHookManager.get().addShutdownHook(hook, PRIORITY, 10, TimeUnit.SECONDS);
    return new Interruption(hook);
  }

  /** Whether the JVM is shutting down under a sweep: its remaining work is to be dropped. */
  public static boolean shuttingDown() {
    return shuttingDown;
  }

  /** Unregisters the hook (a JVM that runs several commands, as tests do, must not keep it). */
  @Override
  public void close() {
    if (!ShutdownHookManager.get().isShutdownInProgress()) {
      ShutdownHookManager.get().removeShutdownHook(hook);
    }
  }
}
