package dev.vigil.eql.execution;

import dev.vigil.core.event.Event;
import dev.vigil.eql.EqlResult;
import dev.vigil.eql.compile.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples as Elasticsearch's {@code SampleIterator} builds them (x-pack/plugin/eql, package
 * execution.sample): the join-key combinations present in every filter (a composite aggregation,
 * hence in ascending key order, null first for optional keys), and for each combination, per
 * filter, the first {@code filters × maxSamplesPerKey} matching events in input (index) order; then
 * a backtracking search picks distinct events, one per filter, up to {@code maxSamplesPerKey}
 * samples per combination.
 */
final class SampleExecutor {
  private final StageFilter[] filters;
  private final KeyExtractor[] keys;
  private final int maxSamplesPerKey;

  SampleExecutor(List<StageFilter> filters, List<KeyExtractor> keys, int maxSamplesPerKey) {
    this.filters = filters.toArray(new StageFilter[0]);
    this.keys = keys.toArray(new KeyExtractor[0]);
    this.maxSamplesPerKey = maxSamplesPerKey;
  }

  List<EqlResult.SampleResult> execute(List<Event> events, int limit) {
    int stages = filters.length;
    List<Map<List<Object>, List<Integer>>> perStage = new ArrayList<>(stages);
    for (int s = 0; s < stages; s++) {
      Map<List<Object>, List<Integer>> byKey = new LinkedHashMap<>();
      for (int i = 0; i < events.size(); i++) {
        Event event = events.get(i);
        if (!filters[s].test(event)) {
          continue;
        }
        for (List<Object> key : keys[s].keys(event)) {
          byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
      }
      perStage.add(byKey);
    }
    List<List<Object>> buckets = new ArrayList<>(perStage.get(0).keySet());
    for (int s = 1; s < stages; s++) {
      Set<List<Object>> present = perStage.get(s).keySet();
      buckets.removeIf(key -> !present.contains(key));
    }
    buckets.sort(SampleExecutor::compareTuples);
    List<EqlResult.SampleResult> results = new ArrayList<>();
    int perList = stages * maxSamplesPerKey;
    for (List<Object> bucket : buckets) {
      if (results.size() >= limit) {
        break;
      }
      List<List<Integer>> candidates = new ArrayList<>(stages);
      for (int s = 0; s < stages; s++) {
        List<Integer> all = perStage.get(s).get(bucket);
        candidates.add(all.subList(0, Math.min(perList, all.size())));
      }
      List<List<Integer>> samples = new ArrayList<>();
      pick(candidates, 0, new ArrayList<>(), new HashSet<>(), samples);
      for (List<Integer> sample : samples) {
        if (results.size() >= limit) {
          break;
        }
        List<Event> hits = new ArrayList<>(sample.size());
        for (int index : sample) {
          hits.add(events.get(index));
        }
        List<Object> joinKeys = new ArrayList<>(bucket.size());
        for (Object value : bucket) {
          joinKeys.add(Values.sampleKey(value));
        }
        results.add(new EqlResult.SampleResult(hits, joinKeys));
      }
    }
    return results;
  }

  /** Backtracking over one candidate per filter, all distinct ({@code SampleIterator.match}). */
  private boolean pick(
      List<List<Integer>> candidates,
      int stage,
      List<Integer> partial,
      Set<Integer> used,
      List<List<Integer>> out) {
    for (int candidate : candidates.get(stage)) {
      if (used.contains(candidate)) {
        continue;
      }
      partial.add(candidate);
      used.add(candidate);
      if (stage == candidates.size() - 1) {
        out.add(new ArrayList<>(partial));
      } else {
        pick(candidates, stage + 1, partial, used, out);
      }
      if (out.size() == maxSamplesPerKey) {
        return true;
      }
      partial.remove(partial.size() - 1);
      used.remove(candidate);
    }
    return false;
  }

  private static int compareTuples(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Values.compareKeys(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
