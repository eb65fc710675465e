package id.simpul.reconciliation.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void axisTopsAreFourRoundSteps() {
        assertThat(Charts.niceCeiling(0)).isEqualTo(4);
        assertThat(Charts.niceCeiling(3)).isEqualTo(4);
        assertThat(Charts.niceCeiling(7)).isEqualTo(8);
        assertThat(Charts.niceCeiling(9)).isEqualTo(20);
        assertThat(Charts.niceCeiling(37)).isEqualTo(40);
        assertThat(Charts.niceCeiling(41)).isEqualTo(80);
        assertThat(Charts.niceCeiling(950)).isEqualTo(1000);
        assertThat(Charts.niceCeiling(1001)).isEqualTo(2000);
    }

    @Test
    void timestampsFallIntoTheirHourAndOutsideOnesAreDropped() {
        Instant start = Instant.parse("2026-11-28T00:00:00Z");
        long[] counts = ConsoleReadModel.bucketOf(List.of(start, start.plusSeconds(3599), start.plusSeconds(3600),
                start.plusSeconds(23 * 3600 + 1), start.minusSeconds(1), start.plusSeconds(24 * 3600)), start, 24);
        assertThat(counts[0]).isEqualTo(2);
        assertThat(counts[1]).isEqualTo(1);
        assertThat(counts[23]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(4);
    }

    @Test
    void timeToDeliverBucketsAreHalfOpen() {
        assertThat(ConsoleReadModel.timeToDeliverBucket(Duration.ofMillis(999))).isZero();
        assertThat(ConsoleReadModel.timeToDeliverBucket(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(ConsoleReadModel.timeToDeliverBucket(Duration.ofMinutes(5))).isEqualTo(4);
        assertThat(ConsoleReadModel.timeToDeliverBucket(Duration.ofDays(2))).isEqualTo(7);
        assertThat(ConsoleReadModel.TIME_TO_DELIVER_LABELS).hasSize(ConsoleReadModel.TIME_TO_DELIVER_LIMITS.size() + 1);
    }

    @Test
    void hourlyLinesSpanThePlotAndTheHighestPointTouchesTheTop() {
        List<Instant> hours = new ArrayList<>();
        long[] received = new long[24];
        long[] delivered = new long[24];
        long[] failed = new long[24];
        for (int h = 0; h < 24; h++) {
            hours.add(Instant.parse("2026-11-28T00:00:00Z").plusSeconds(3600L * h));
        }
        received[5] = 40;
        delivered[5] = 38;
        failed[6] = 2;
        Charts.LineChart chart = Charts.hourly(new ConsoleReadModel.Hourly(hours, received, delivered, failed));

        assertThat(chart.series()).hasSize(3);
        assertThat(chart.series().get(0).total()).isEqualTo(40);
        assertThat(chart.series().get(0).dots()).hasSize(24);
        assertThat(chart.series().get(0).dots().get(0).x()).isEqualTo(Charts.LEFT);
        assertThat(chart.series().get(0).dots().get(23).x()).isEqualTo(Charts.WIDTH - Charts.RIGHT);
        assertThat(chart.series().get(0).dots().get(5).y()).isEqualTo(Charts.TOP);
        assertThat(chart.series().get(0).points()).doesNotContain(",,").matches("[0-9., ]+");
        assertThat(chart.yTicks()).extracting(Charts.Tick::value).containsExactly(0L, 10L, 20L, 30L, 40L);
        assertThat(chart.xLabels()).extracting(Charts.XLabel::text).contains("07:00"); // 00:00Z is 07:00 WIB
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void bucketBarsStandOnTheAxis() {
        Charts.BarChart chart = Charts.buckets(List.of(new ConsoleReadModel.Bucket("<1s", Duration.ofSeconds(1), 3),
                new ConsoleReadModel.Bucket("1–5s", Duration.ofSeconds(5), 0)));
        assertThat(chart.bars()).hasSize(2);
        Charts.Bar first = chart.bars().get(0);
        assertThat(first.y() + first.h()).isEqualTo(chart.bottom());
        assertThat(chart.bars().get(1).h()).isZero();
    }
}
