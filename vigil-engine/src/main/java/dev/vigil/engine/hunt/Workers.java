package dev.vigil.engine.hunt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hunt's worker threads: tasks run on them and their results are taken back in submission
 * order, so what the hunt does with them does not depend on the thread count. With no threads,
 * tasks run on the caller's thread as they are submitted. A task's exception reaches the caller as
 * it was thrown.
 */
final class Workers implements AutoCloseable {
  private final int threads;
  private final ExecutorService executor;

  Workers(String name, int threads) {
    this.threads = threads;
    if (threads == 0) {
      this.executor = null;
      return;
    }
    AtomicInteger count = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** How many tasks to keep submitted ahead of the one awaited. */
  int depth() {
    return Math.max(1, threads * 4);
  }

  <T> Future<T> submit(Callable<T> task) {
    if (executor != null) {
      return executor.submit(task);
    }
    try {
      return CompletableFuture.completedFuture(task.call());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code tasks}, a few ahead of need, and returns their results in order. */
  <T> Iterator<T> inOrder(List<Callable<T>> tasks) {
    Iterator<Callable<T>> next = tasks.iterator();
    Deque<Future<T>> pending = new ArrayDeque<>();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        while (pending.size() < depth() && next.hasNext()) {
          pending.add(submit(next.next()));
        }
        return !pending.isEmpty();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return await(pending.poll());
      }
    };
  }

  /** The task's result; what it threw, rethrown. */
  static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hunting", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
