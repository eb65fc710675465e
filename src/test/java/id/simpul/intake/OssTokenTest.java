package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class OssTokenTest {

    private static final String USER = "dpmptsp-banyuasin";
    private static final String PASS = "rahasia";
    private static final String NIB = "9120301234567";
    private static final Duration SKEW = Duration.ofMinutes(10);

    @Test
    void tokenIsSha1OfUsernamePasswordNibAndJakartaDateInLowerCaseHex() {
        // echo -n 'dpmptsp-banyuasinrahasia912030123456720261129' | sha1sum
        assertThat(OssToken.compute(USER, PASS, NIB, LocalDate.of(2026, 11, 29)))
                .isEqualTo("468813b261f5f97552759ec866d67a0f3cd56436");
    }

    @Test
    void todaysTokenIsValidInUpperCaseToo() {
        ZonedDateTime noon = ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, OssToken.JAKARTA);
        String token = OssToken.compute(USER, PASS, NIB, noon.toLocalDate());
        assertThat(OssToken.valid(token, USER, PASS, NIB, noon, SKEW)).isTrue();
        assertThat(OssToken.valid(token.toUpperCase(), USER, PASS, NIB, noon, SKEW)).isTrue();
    }

    @Test
    void yesterdaysTokenIsAcceptedJustAfterMidnightWithinTheSkewOnly() {
        ZonedDateTime justAfterMidnight = ZonedDateTime.of(2026, 11, 29, 0, 5, 0, 0, OssToken.JAKARTA);
        String yesterday = OssToken.compute(USER, PASS, NIB, LocalDate.of(2026, 11, 28));
        assertThat(OssToken.valid(yesterday, USER, PASS, NIB, justAfterMidnight, SKEW)).isTrue();
        assertThat(OssToken.valid(yesterday, USER, PASS, NIB, justAfterMidnight.plusMinutes(6), SKEW)).isFalse();
    }

    @Test
    void tomorrowsTokenIsAcceptedJustBeforeMidnight() {
        ZonedDateTime beforeMidnight = ZonedDateTime.of(2026, 11, 29, 23, 55, 0, 0, OssToken.JAKARTA);
        String tomorrow = OssToken.compute(USER, PASS, NIB, LocalDate.of(2026, 11, 30));
        assertThat(OssToken.valid(tomorrow, USER, PASS, NIB, beforeMidnight, SKEW)).isTrue();
    }

    @Test
    void theDateIsJakartasNotUtc() {
        // 2026-11-28T18:00Z is already 2026-11-29 01:00 in Jakarta.
        ZonedDateTime utc = ZonedDateTime.parse("2026-11-28T18:00:00Z");
        assertThat(OssToken.valid(OssToken.compute(USER, PASS, NIB, LocalDate.of(2026, 11, 29)), USER, PASS, NIB, utc,
                SKEW)).isTrue();
        assertThat(OssToken.valid(OssToken.compute(USER, PASS, NIB, LocalDate.of(2026, 11, 28)), USER, PASS, NIB, utc,
                SKEW)).isFalse();
    }

    @Test
    void threeDaysOldAnotherNibsWrongAndAbsentTokensAreRefused() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 29, 9, 0, 0, 0, OssToken.JAKARTA);
        assertThat(OssToken.valid(OssToken.compute(USER, PASS, NIB, LocalDate.of(2026, 11, 26)), USER, PASS, NIB, now,
                SKEW)).isFalse();
        assertThat(OssToken.valid(OssToken.compute(USER, PASS, "9120301234568", now.toLocalDate()), USER, PASS, NIB,
                now, SKEW)).isFalse();
        assertThat(OssToken.valid(OssToken.compute(USER, "salah", NIB, now.toLocalDate()), USER, PASS, NIB, now,
                SKEW)).isFalse();
        assertThat(OssToken.valid(null, USER, PASS, NIB, now, SKEW)).isFalse();
        assertThat(OssToken.valid("  ", USER, PASS, NIB, now, SKEW)).isFalse();
    }
}
