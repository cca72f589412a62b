package dev.vigil.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final Instant T0 = Instant.parse("2026-11-16T10:00:00Z");
  private int line;

  private Event event() {
    return Event.of(JsonNodeFactory.instance.objectNode(), new EventOrigin("test", ++line));
  }

  private static Timeline.Stamp at(int seconds) {
    return new Timeline.Stamp(T0.plusSeconds(seconds), Optional.empty(), false);
  }

  private static long lineOf(Timeline.Timed timed) {
    return timed.event().origin().line();
  }

  @Test
  void eventsAreSearchableOnlyOnceReleased() {
    Timeline timeline = new Timeline();
    timeline.add(event(), at(10));
    assertThat(timeline.window(T0, T0.plusSeconds(60))).isEmpty();
    assertThat(timeline.hasEventsIn(T0, T0.plusSeconds(60))).isFalse();
    assertThat(timeline.size()).isEqualTo(1);

    assertThat(timeline.release(T0.plusSeconds(10))).hasSize(1);
    assertThat(timeline.window(T0, T0.plusSeconds(60))).hasSize(1);
    assertThat(timeline.firstAtOrAfter(T0)).contains(T0.plusSeconds(10));
  }

  @Test
  void releaseTakesWhatIsAtOrBeforeTheInstantInSearchOrder() {
    Timeline timeline = new Timeline();
    timeline.add(event(), at(30)); // line 1
    timeline.add(event(), at(10)); // line 2
    timeline.add(event(), at(20)); // line 3
    timeline.add(event(), at(10)); // line 4: same time as line 2, so after it
    timeline.add(event(), at(40)); // line 5
    timeline.add(event(), null); // line 6: on no timeline
    assertThat(timeline.release(T0.plusSeconds(30)).stream().map(TimelineTest::lineOf))
        .containsExactly(2L, 4L, 3L, 1L);
    assertThat(timeline.size()).isEqualTo(5);
    assertThat(timeline.window(T0, T0.plusSeconds(100)).stream().map(TimelineTest::lineOf))
        .containsExactly(2L, 4L, 3L, 1L);
    assertThat(timeline.release(Instant.MAX).stream().map(TimelineTest::lineOf))
        .containsExactly(5L);
  }

  @Test
  void forgottenEventsLeaveTheOthersInSearchOrder() {
    Timeline timeline = new Timeline();
    for (int second = 1; second <= 6; second++) {
      timeline.add(event(), at(second)); // lines 1-6
    }
    timeline.release(T0.plusSeconds(2));
    List<Timeline.Timed> second = timeline.release(T0.plusSeconds(5)); // lines 3-5
    timeline.forget(List.of(second.get(0), second.get(2)));
    timeline.release(Instant.MAX);
    assertThat(lines(timeline.window(T0, T0.plusSeconds(10)))).containsExactly(1L, 2L, 4L, 6L);
    assertThat(timeline.size()).isEqualTo(4);
    assertThat(timeline.firstAtOrAfter(T0.plusSeconds(3))).contains(T0.plusSeconds(4));
  }

  @Test
  void anEventAtOrBeforeWhatWasReleasedIsRefused() {
    Timeline timeline = new Timeline();
    timeline.add(event(), at(10));
    timeline.release(T0.plusSeconds(20));
    assertThat(timeline.add(event(), at(20))).isFalse();
    assertThat(timeline.add(event(), at(5))).isFalse();
    assertThat(timeline.add(event(), at(21))).isTrue();
    assertThat(timeline.size()).isEqualTo(2);
  }

  @Test
  void fallbackOnlyEventsComeAfterThoseWithTheirPrimaryTime() {
    Timeline timeline = new Timeline();
    timeline.add(event(), new Timeline.Stamp(T0, Optional.of(T0), true)); // line 1
    timeline.add(event(), at(5)); // line 2
    timeline.release(Instant.MAX);
    assertThat(timeline.window(T0, T0.plusSeconds(10)).stream().map(TimelineTest::lineOf))
        .containsExactly(2L, 1L);
    assertThat(timeline.firstAtOrAfter(T0)).contains(T0);
  }

  @Test
  void droppedEventsLeaveEveryLaterSearchAsItWas() {
    // a seeded stream, mostly in order: windows after a drop see what they saw without it
    Random random = new Random(11);
    Timeline kept = new Timeline();
    Timeline dropping = new Timeline();
    int now = 0;
    for (int round = 0; round < 200; round++) {
      for (int i = 0; i < 50; i++) {
        Event event = event();
        Timeline.Stamp stamp = at(now + random.nextInt(30) + 1);
        kept.add(event, stamp);
        dropping.add(event, stamp);
        now += random.nextInt(3);
      }
      Instant watermark = T0.plusSeconds(now);
      kept.release(watermark);
      dropping.release(watermark);
      Instant from = watermark.minusSeconds(120);
      dropping.dropBefore(from);
      assertThat(lines(dropping.window(from, watermark)))
          .containsExactlyElementsOf(lines(kept.window(from, watermark)));
      assertThat(dropping.firstAtOrAfter(from)).isEqualTo(kept.firstAtOrAfter(from));
    }
    assertThat(dropping.size()).isLessThan(kept.size() / 10);
  }

  private static List<Long> lines(List<Timeline.Timed> timed) {
    List<Long> out = new ArrayList<>();
    timed.forEach(one -> out.add(lineOf(one)));
    return out;
  }
}
