package dev.vigil.eql.analysis;

import static java.util.Objects.requireNonNull;

import dev.vigil.eql.ast.Pipe;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An analyzed query: what to match and how to assemble results. {@code with runs=N} stages are
 * already expanded into N identical stages, as Elasticsearch's planner does.
 */
public sealed interface Plan {

  List<Pipe> pipes();

  /** {@code category where condition}; an empty category is {@code any}. */
  record Filter(Optional<String> category, Ir condition) {
    public Filter {
      requireNonNull(category, "category is null");
      requireNonNull(condition, "condition is null");
    }
  }

  /**
   * A sequence or sample stage.
   *
   * @param keys the query-wide keys followed by the stage's own
   * @param missing a {@code ![…]} stage
   */
  record Stage(Filter filter, List<ResolvedField> keys, boolean missing) {
    public Stage {
      requireNonNull(filter, "filter is null");
      keys = List.copyOf(keys);
    }
  }

  record EventPlan(Filter filter, List<Pipe> pipes) implements Plan {
    public EventPlan {
      requireNonNull(filter, "filter is null");
      pipes = List.copyOf(pipes);
    }
  }

  record SequencePlan(
      List<Stage> stages, Optional<Stage> until, OptionalLong maxSpanMillis, List<Pipe> pipes)
      implements Plan {
    public SequencePlan {
      stages = List.copyOf(stages);
      requireNonNull(until, "until is null");
      requireNonNull(maxSpanMillis, "maxSpanMillis is null");
      pipes = List.copyOf(pipes);
    }
  }

  record SamplePlan(List<Stage> stages, List<Pipe> pipes) implements Plan {
    public SamplePlan {
      stages = List.copyOf(stages);
      pipes = List.copyOf(pipes);
    }
  }
}
