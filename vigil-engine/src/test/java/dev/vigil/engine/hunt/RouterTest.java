package dev.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.match.Requirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The router hands each event exactly the rules whose requirements it meets: never fewer (that
 * would lose alerts), and no more (routing is a filter worth having).
 */
class RouterTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String[] PATHS = {
    "event.category", "process.name", "host.os.type", "user.id"
  };
  private static final String[] VALUES = {"process", "FILE", "bash", "Linux", "sh", "4624", "root"};
  private static final String WIDE_PATH = "process.args";
  private static final String TEXT_PATH = "process.command_line";
  private static final String[] TOKENS = {"curl", "BASH", "-c", "wget", "KubeConfig", "tmp", "é"};
  private static final String[] FRAGMENTS = {"url", "bas", "kubec", "nfig", "wge", "tmp/", "é -"};

  @Test
  void routesToExactlyTheRulesWhoseRequirementsHold() {
    Random random = new Random(1123L);
    // One scratch for routers of every size, as a hunt's worker uses one for every index's router:
    // marks left by one router must not leak into another's routing.
    Router.Scratch scratch = new Router.Scratch();
    for (int round = 0; round < 100; round++) {
      List<Requirement> requirements = new ArrayList<>();
      int rules = 1 + random.nextInt(120);
      for (int rule = 0; rule < rules; rule++) {
        requirements.add(randomRequirement(random));
      }
      Router router = new Router(requirements);
      for (int e = 0; e < 200; e++) {
        Event event = randomEvent(random);
        int count = router.route(event, scratch);
        Set<Integer> routed = new HashSet<>();
        for (int i = 0; i < count; i++) {
          assertThat(routed.add(scratch.candidates[i])).as("routed twice").isTrue();
        }
        Set<Integer> expected = new HashSet<>();
        for (int rule = 0; rule < requirements.size(); rule++) {
          if (requirements.get(rule).test(event)) {
            expected.add(rule);
          }
        }
        assertThat(routed).as(event + " with " + requirements).isEqualTo(expected);
      }
    }
  }

  @Test
  void aScratchServesRoutersOfAnySizeWithoutStaleMarks() {
    Router.Scratch scratch = new Router.Scratch();
    Router small = new Router(List.of(Requirement.anyOf("process.name", List.of("a"))));
    Event a = event("{\"process\":{\"name\":\"a\"}}");
    Event b = event("{\"process\":{\"name\":\"b\"}}");
    assertThat(small.route(a, scratch)).isEqualTo(1);
    // a bigger router grows the scratch; the keys worked out for event a must not serve event b
    List<Requirement> requirements = new ArrayList<>();
    for (int rule = 0; rule < 10; rule++) {
      requirements.add(Requirement.anyOf("process.name", List.of(rule % 2 == 0 ? "a" : "b")));
    }
    Router big = new Router(requirements);
    int count = big.route(b, scratch);
    Set<Integer> routed = new HashSet<>();
    for (int i = 0; i < count; i++) {
      routed.add(scratch.candidates[i]);
    }
    assertThat(routed).containsExactlyInAnyOrder(1, 3, 5, 7, 9);
  }

  @Test
  void remembersWhatAValueGivesPerPathAndTellsCollidingValuesApart() {
    // "AaAa" and "BBBB" have one hash code, so they share a slot of the router's value cache
    assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode());
    Router router =
        new Router(
            List.of(
                Requirement.anyOf("process.name", List.of("aaaa")),
                Requirement.anyOf("process.name", List.of("bbbb")),
                Requirement.anyOfOrContaining("process.parent.name", List.of(), List.of("bbb"))));
    Router.Scratch scratch = new Router.Scratch();
    String shared = "BBBB";
    for (int round = 0; round < 3; round++) {
      // one string object at two paths: what it gives at one path must not serve the other
      assertThat(routed(router, named("AaAa", shared), scratch)).containsExactlyInAnyOrder(0, 2);
      assertThat(routed(router, named(shared, "AaAa"), scratch)).containsExactly(1);
      assertThat(routed(router, named(new String("BBBB"), "x"), scratch)).containsExactly(1);
    }
  }

  @Test
  void threadsRoutingWithOneRouterAgreeWithTheRequirements() throws Exception {
    Random random = new Random(20261208L);
    List<Requirement> requirements = new ArrayList<>();
    for (int rule = 0; rule < 80; rule++) {
      requirements.add(randomRequirement(random));
    }
    Router router = new Router(requirements);
    List<Event> events = new ArrayList<>();
    for (int e = 0; e < 2_000; e++) {
      events.add(randomEvent(random));
    }
    // both threads fill and read the router's shared value cache at once
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        done.add(
            threads.submit(
                () -> {
                  Router.Scratch scratch = new Router.Scratch();
                  for (Event event : events) {
                    Set<Integer> expected = new HashSet<>();
                    for (int rule = 0; rule < requirements.size(); rule++) {
                      if (requirements.get(rule).test(event)) {
                        expected.add(rule);
                      }
                    }
                    assertThat(routed(router, event, scratch)).isEqualTo(expected);
                  }
                  return null;
                }));
      }
      for (Future<Void> thread : done) {
        thread.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  private static Set<Integer> routed(Router router, Event event, Router.Scratch scratch) {
    int count = router.route(event, scratch);
    Set<Integer> routed = new HashSet<>();
    for (int i = 0; i < count; i++) {
      routed.add(scratch.candidates[i]);
    }
    return routed;
  }

  private static Event named(String name, String parent) {
    ObjectNode source = JSON.createObjectNode();
    source.put("process.name", name);
    source.put("process.parent.name", parent);
    return Event.of(source, new EventOrigin("t", 1));
  }

  @Test
  void checksClausesOfMoreKeysThanAMaskHolds() {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      args.add("arg" + i);
    }
    // every rule's args clause has all 100 keys, so each is anchored on its name and its args
    // clause is checked after routing, with keys numbered beyond a mask's 64 bits
    List<Requirement> requirements = new ArrayList<>();
    for (int rule = 0; rule < 10; rule++) {
      requirements.add(
          Requirement.anyOf("process.name", List.of("n" + rule))
              .and(Requirement.anyOf("process.args", args)));
    }
    Router router = new Router(requirements);
    Router.Scratch scratch = new Router.Scratch();
    for (int arg : new int[] {0, 63, 64, 99}) {
      Event event = event("{\"process\":{\"name\":\"n5\",\"args\":[\"x\",\"arg" + arg + "\"]}}");
      assertThat(router.route(event, scratch)).as("arg" + arg).isEqualTo(1);
      assertThat(scratch.candidates[0]).isEqualTo(5);
    }
    assertThat(router.route(event("{\"process\":{\"name\":\"n5\",\"args\":\"arg100\"}}"), scratch))
        .isZero();
  }

  @Test
  void fragmentsTooManyToScanAreTakenAsPresent() {
    // more trie nodes than a scanner builds: the path's fragments are assumed present whenever the
    // event has a value there, so routing still reaches every rule that can match
    List<String> fragments = new ArrayList<>();
    for (int i = 0; i <= FragmentScanner.MAX_NODES / 10; i++) {
      fragments.add(String.format(java.util.Locale.ROOT, "%08x-%08x", i * 0x9E3779B1, i));
    }
    Router router =
        new Router(
            List.of(
                Requirement.anyOfOrContaining(TEXT_PATH, List.of(), fragments),
                Requirement.anyOfOrContaining(TEXT_PATH, List.of(), List.of("wget"))));
    Router.Scratch scratch = new Router.Scratch();
    assertThat(router.route(event("{\"process\":{\"command_line\":\"curl x\"}}"), scratch))
        .isEqualTo(2);
    assertThat(router.route(event("{\"process\":{\"name\":\"curl\"}}"), scratch)).isZero();
  }

  @Test
  void anchorsOnTheRarestClause() {
    List<Requirement> requirements = new ArrayList<>();
    for (int rule = 0; rule < 5; rule++) {
      requirements.add(Requirement.anyOf("event.category", List.of("process")));
    }
    // one rule also requires a rare name: routed on it, an event of another name never reaches it
    requirements.add(
        Requirement.anyOf("event.category", List.of("process"))
            .and(Requirement.anyOf("process.name", List.of("nc"))));
    Router router = new Router(requirements);
    Router.Scratch scratch = new Router.Scratch();
    Event bash = event("{\"event\":{\"category\":\"process\"},\"process\":{\"name\":\"bash\"}}");
    assertThat(router.route(bash, scratch)).isEqualTo(5);
    Event nc = event("{\"event\":{\"category\":[\"process\"]},\"process\":{\"name\":\"NC\"}}");
    assertThat(router.route(nc, scratch)).isEqualTo(6);
  }

  /** A requirement of up to three alternatives of up to three clauses each. */
  private static Requirement randomRequirement(Random random) {
    Requirement requirement = randomConjunction(random);
    int alternatives = random.nextInt(3);
    for (int a = 0; a < alternatives; a++) {
      requirement = requirement.or(randomConjunction(random));
    }
    return requirement;
  }

  private static Requirement randomConjunction(Random random) {
    Requirement requirement = Requirement.none();
    int clauses = random.nextInt(4);
    for (int c = 0; c < clauses; c++) {
      List<String> keys = new ArrayList<>();
      int size = 1 + random.nextInt(3);
      boolean wide = random.nextInt(4) == 0;
      for (int k = 0; k < size; k++) {
        keys.add(wide ? randomWideValue(random) : VALUES[random.nextInt(VALUES.length)]);
      }
      if (random.nextInt(4) == 0) {
        // values, or values containing fragments, of a free-text field
        List<String> exact = new ArrayList<>();
        List<String> fragments = new ArrayList<>();
        for (int k = 0; k < size; k++) {
          if (random.nextInt(3) == 0) {
            exact.add(randomText(random));
          } else {
            fragments.add(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
          }
        }
        requirement = requirement.and(Requirement.anyOfOrContaining(TEXT_PATH, exact, fragments));
        continue;
      }
      String path = wide ? WIDE_PATH : PATHS[random.nextInt(PATHS.length)];
      requirement = requirement.and(Requirement.anyOf(path, keys));
    }
    return requirement;
  }

  /** One of more keys than a mask holds, so that both ways of checking a clause are used. */
  private static String randomWideValue(Random random) {
    return "arg" + random.nextInt(100);
  }

  private static Event randomEvent(Random random) {
    ObjectNode source = JSON.createObjectNode();
    for (String path : PATHS) {
      int kind = random.nextInt(4);
      if (kind == 0) {
        continue;
      }
      if (kind == 1) {
        source.put(path, VALUES[random.nextInt(VALUES.length)]);
      } else if (kind == 2) {
        ArrayNode values = source.putArray(path);
        values.add(VALUES[random.nextInt(VALUES.length)]);
        values.add(VALUES[random.nextInt(VALUES.length)].toLowerCase(java.util.Locale.ROOT));
      } else {
        source.put(path, 4624);
      }
    }
    ArrayNode args = source.putArray(WIDE_PATH);
    for (int i = random.nextInt(4); i > 0; i--) {
      args.add(randomWideValue(random));
    }
    ArrayNode lines = source.putArray(TEXT_PATH);
    for (int i = random.nextInt(3); i > 0; i--) {
      lines.add(randomText(random));
    }
    return Event.of(source, new EventOrigin("random", 1));
  }

  /** A few tokens joined by spaces or slashes: a command line, in short. */
  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder(TOKENS[random.nextInt(TOKENS.length)]);
    for (int i = random.nextInt(4); i > 0; i--) {
      text.append(random.nextBoolean() ? " " : "/").append(TOKENS[random.nextInt(TOKENS.length)]);
    }
    return text.toString();
  }

  private static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("t", 1));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
