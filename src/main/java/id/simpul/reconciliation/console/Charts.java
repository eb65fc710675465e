package id.simpul.reconciliation.console;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Geometry for the dashboard's charts, drawn as inline SVG by the templates: numbers and message keys
 * only, so nothing here needs escaping and no JavaScript draws anything.
 */
public final class Charts {

    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    static final int LEFT = 44;
    static final int RIGHT = 30;
    static final int TOP = 14;
    static final int BOTTOM = 34;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ConsoleFormat.ZONE);

    private Charts() {
    }

    public record Tick(double y, long value) {
    }

    public record XLabel(double x, String text) {
    }

    public record Point(double x, double y, long value, String hour) {
    }

    /** {@code key} is a message key (the legend), {@code css} the stroke class. */
    public record Series(String key, String css, String points, List<Point> dots, long total) {
    }

    public record LineChart(int width, int height, int left, int bottom, int right, List<Tick> yTicks,
                            List<XLabel> xLabels, List<Series> series, boolean empty) {
    }

    public record Bar(double x, double y, double w, double h, long value, String label, double centre) {
    }

    public record BarChart(int width, int height, int left, int bottom, int right, List<Tick> yTicks, List<Bar> bars,
                           boolean empty) {
    }

    /** A line per series over the hourly slots, with a shared y axis. */
    public static LineChart hourly(ConsoleReadModel.Hourly data) {
        int n = data.hours().size();
        long[][] values = {data.received(), data.delivered(), data.failed()};
        long max = 0;
        for (long[] v : values) {
            for (long x : v) {
                max = Math.max(max, x);
            }
        }
        long top = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double step = n > 1 ? plotW / (n - 1) : 0;
        List<XLabel> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 3 == 0 || i == n - 1) {
                labels.add(new XLabel(LEFT + i * step, HOUR.format(data.hours().get(i))));
            }
        }
        String[] keys = {"chart.received", "chart.delivered", "chart.failed"};
        String[] css = {"s-received", "s-delivered", "s-failed"};
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < values.length; s++) {
            StringBuilder points = new StringBuilder();
            List<Point> dots = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < n; i++) {
                double x = LEFT + i * step;
                double y = y(values[s][i], top);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                dots.add(new Point(round(x), round(y), values[s][i], HOUR.format(data.hours().get(i))));
                total += values[s][i];
            }
            series.add(new Series(keys[s], css[s], points.toString().strip(), dots, total));
        }
        return new LineChart(WIDTH, HEIGHT, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, ticks(top), labels, series, max == 0);
    }

    /** One bar per bucket. */
    public static BarChart buckets(List<ConsoleReadModel.Bucket> buckets) {
        long max = buckets.stream().mapToLong(ConsoleReadModel.Bucket::count).max().orElse(0);
        long top = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double slot = plotW / Math.max(1, buckets.size());
        double w = slot * 0.7;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            ConsoleReadModel.Bucket b = buckets.get(i);
            double x = LEFT + i * slot + (slot - w) / 2;
            double y = y(b.count(), top);
            bars.add(new Bar(round(x), round(y), round(w), round(HEIGHT - BOTTOM - y), b.count(), b.label(),
                    round(x + w / 2)));
        }
        return new BarChart(WIDTH, HEIGHT, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, ticks(top), bars, max == 0);
    }

    /**
     * The axis top: four equal steps of 1, 2, 2.5 or 5 × 10^k at or above {@code max} (at least 4, so an
     * idle hub still has a readable axis).
     */
    static long niceCeiling(long max) {
        long quarter = Math.max(1, (max + 3) / 4);
        for (long magnitude = 1; ; magnitude *= 10) {
            for (long step : new long[] {magnitude, 2 * magnitude, 5 * magnitude / 2, 5 * magnitude}) {
                if (step >= quarter) {
                    return 4 * step;
                }
            }
        }
    }

    private static List<Tick> ticks(long top) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            long value = top * i / 4;
            ticks.add(new Tick(round(y(value, top)), value));
        }
        return ticks;
    }

    private static double y(long value, long top) {
        double plotH = HEIGHT - TOP - BOTTOM;
        return HEIGHT - BOTTOM - plotH * value / (double) top;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
