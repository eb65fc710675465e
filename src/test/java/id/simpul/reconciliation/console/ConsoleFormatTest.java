package id.simpul.reconciliation.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations as an operator reads them on the console: the two largest parts, never a zero part, never negative. */
class ConsoleFormatTest {

    private final ConsoleFormat format = new ConsoleFormat();

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S          | 0 s
            PT45S         | 45 s
            PT1M          | 1 m
            PT1M30S       | 1 m 30 s
            PT15M         | 15 m
            PT59M59S      | 59 m 59 s
            PT1H          | 1 h
            PT1H0M30S     | 1 h
            PT1H5M        | 1 h 5 m
            PT23H59M      | 23 h 59 m
            P1D           | 1 d
            P2DT3H        | 2 d 3 h
            P2DT0H5M      | 2 d
            P30D          | 30 d
            PT0.9S        | 0 s
            PT-5S         | 0 s
            PT-2H         | 0 s
            """)
    void aDurationReadsAsAnOperatorSaysIt(String iso, String expected) {
        assertThat(format.duration(Duration.parse(iso))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = "none")
    void noDurationReadsAsNothing(Duration none) {
        assertThat(format.duration(none)).isEmpty();
    }
}
