package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.support.CapturedLog;
import id.simpul.support.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first admin on an empty store without SIMPUL_SECURITY_ADMIN_PASSWORD, with the hub's own application.yaml:
 * the embedded default prints the generated password once (README's first run); the production profile never
 * does (container and journal output is kept and shipped) but writes it to an owner-only file in the data
 * folder and logs only that file's path.
 */
class FirstAdminPasswordTest {

    private static final Pattern PRINTED = Pattern.compile("username 'admin', password '([^']+)'");

    @TempDir
    Path dataDir;

    @EnableConfigurationProperties({SecurityProperties.class, SimpulProperties.class})
    static class Accounts {
    }

    private final DataSource store = TestStores.migratedH2("first-admin");
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();

    private ApplicationContextRunner hub(String... properties) {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(Accounts.class)
                .withBean(JdbcClient.class, () -> JdbcClient.create(store))
                .withBean(PasswordEncoder.class, () -> encoder)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(UserAccounts.class)
                // No SIMPUL_SECURITY_ADMIN_PASSWORD: the tests' own config/application.yaml sets one.
                .withPropertyValues("simpul.security.admin.password=", "simpul.data-dir=" + dataDir)
                .withPropertyValues(properties);
    }

    @Test
    void onTheProductionProfileTheGeneratedPasswordIsWrittenToAnOwnerOnlyFileAndNeverPrinted() {
        run(hub("spring.profiles.active=production"), output -> {
            Path file = dataDir.resolve("first-admin-password");
            assertThat(output).doesNotContain("password '").contains(file.toString());
            assertThat(file).exists();
            assertThat(permissions(file)).isEqualTo("rw-------");
            String password = read(file);
            assertThat(output).doesNotContain(password);
            assertThat(encoder.matches(password, hash())).as("the file holds the admin's password").isTrue();
        });
    }

    @Test
    void theFileGoesOnceTheFirstAdminHasChangedThePasswordItHolds() {
        hub("spring.profiles.active=production")
                .withBean(AuditLog.class, () -> new AuditLog(JdbcClient.create(store), Clock.systemUTC(), TestAuditKeys.KEY))
                .withBean(TransactionTemplate.class, () -> new TransactionTemplate(new DataSourceTransactionManager(store)))
                .withBean(ApiTokens.class)
                .withBean(AccountChanges.class)
                .run(context -> {
                    context.getBean(UserAccounts.class).ensureFirstAdmin();
                    Path file = dataDir.resolve("first-admin-password");
                    String generated = read(file);

                    AccountChanges.Result changed = context.getBean(AccountChanges.class)
                            .changeOwn("admin", generated, "a-new-admin-passphrase");

                    assertThat(changed.outcome()).isEqualTo(AccountChanges.Outcome.CHANGED);
                    assertThat(file).as("a file holding a password that no longer is one").doesNotExist();
                });
    }

    @Test
    void onTheEmbeddedDefaultTheGeneratedPasswordIsPrintedOnceAndNoFileIsWritten() {
        run(hub(), output -> {
            Matcher printed = PRINTED.matcher(output);
            assertThat(printed.find()).as(output).isTrue();
            assertThat(encoder.matches(printed.group(1), hash())).isTrue();
            assertThat(dataDir.resolve("first-admin-password")).doesNotExist();
        });
        run(hub(), output -> assertThat(output).as("an admin exists: nothing again").doesNotContain("password"));
    }

    /** Starts the accounts, creates the first admin as the hub's start does and hands over what it printed or logged. */
    private void run(ApplicationContextRunner hub, Consumer<String> check) {
        hub.run((AssertableApplicationContext context) -> {
            assertThat(context).hasNotFailed();
            PrintStream out = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (CapturedLog log = CapturedLog.start()) {
                try {
                    context.getBean(UserAccounts.class).ensureFirstAdmin();
                } finally {
                    System.setOut(out);
                }
                check.accept(captured.toString(StandardCharsets.UTF_8) + String.join("\n", log.lines()));
            }
        });
    }

    private String hash() {
        return JdbcClient.create(store).sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
                .query(String.class).single();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
