package id.simpul.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.Appender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's logging configuration (logback-spring.xml, as Boot loads it) masks NIKs and phone numbers in every
 * logger's lines, console and file, in the message and in a stack trace's messages: what a source forgot to
 * mask, or an exception quoted, never reaches the log in clear. Identifiers that are not personal stay.
 */
@ExtendWith(OutputCaptureExtension.class)
class MaskedLogTest {

    /** A Banyuasin applicant's NIK and phone (fixtures/delivery/canonical-permit-banyuasin.json). */
    private static final String NIK = "1607111204780003";
    private static final String PHONE = "081277889900";
    private static final String NIB = "9120301234567";
    private static final String ID_IZIN = "I-202611210915001234567";
    /** Simpul's, Camel's error handler, Artemis's and Spring's: the configuration is not Simpul's loggers only. */
    private static final String[] LOGGERS = {"id.simpul.delivery.TargetHttp", "org.apache.camel.processor.errorhandler",
        "org.apache.activemq.artemis.core.server", "org.springframework.jdbc"};

    @TempDir
    Path logs;

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    /** Boot leaves its settings behind as system properties (LOG_FILE …): later hubs in this JVM would log there. */
    @AfterEach
    void noFileLogForTheNextTests() {
        System.clearProperty("LOG_FILE");
        System.clearProperty("LOG_EXCEPTION_CONVERSION_WORD");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<?> file = root.getAppender("FILE");
        if (file != null) {
            root.detachAppender("FILE");
            file.stop();
        }
    }

    @Test
    void everyLoggersMessageAndStackTraceShowNiksAndPhonesMaskedOnTheConsoleAndInTheFile(CapturedOutput output)
            throws IOException {
        Path file = logs.resolve("simpul.log");
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE).run("--spring.main.banner-mode=off", "--logging.file.name=" + file)) {
            Exception quoting = new IllegalStateException("mapping failed at \"nik\": \"" + NIK + "\"",
                    new SQLIntegrityConstraintViolationException("duplicate row (" + PHONE + ", " + NIK + ")"));
            for (String name : LOGGERS) {
                LoggerFactory.getLogger(name).warn("permit NIB {} id_izin {} applicant {} telp {}",
                        NIB, ID_IZIN, NIK, PHONE);
                LoggerFactory.getLogger(name).error("delivery of {} failed", ID_IZIN, quoting);
            }
        }

        for (String log : new String[] {output.getOut() + output.getErr(), Files.readString(file)}) {
            assertThat(log.split("applicant 1607\\*{10}03 telp \\*{9}900", -1)).as("a line of each logger")
                    .hasSize(LOGGERS.length + 1);
            assertThat(log).contains("IllegalStateException: mapping failed at \"nik\": \"1607**********03\"")
                    .contains("Caused by: java.sql.SQLIntegrityConstraintViolationException: duplicate row "
                            + "(*********900, 1607**********03)")
                    .contains("applicant 1607**********03 telp *********900")
                    .contains("permit NIB " + NIB + " id_izin " + ID_IZIN)
                    .doesNotContain(NIK).doesNotContain(PHONE);
        }
    }

    @Test
    void aHubWithoutALogFileSettingWritesNoFileAsBootAloneWouldNot() {
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE).run("--spring.main.banner-mode=off")) {
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

            assertThat(root.getAppender("CONSOLE")).isNotNull();
            assertThat(root.getAppender("FILE")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%ex", "%exception", "%throwable", "%xEx", "%xException", "%xThrowable", "%wex"})
    void aStackTraceIsMaskedWhicheverExceptionWordTheOperatorChose(String word, CapturedOutput output) {
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .run("--spring.main.banner-mode=off", "--logging.exception-conversion-word=" + word)) {
            LoggerFactory.getLogger("org.apache.camel.processor.errorhandler").error("delivery of {} failed", ID_IZIN,
                    new IllegalStateException("row " + NIK));
        }

        assertThat(output.getOut() + output.getErr()).contains("IllegalStateException: row 1607**********03")
                .doesNotContain(NIK);
    }
}
