package id.simpul.platform.lock;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Leader election for pollers (OSS sweep, backfills): when several hub instances share one database,
 * a job runs only where it holds the ShedLock row of its name in table {@code shedlock}
 * (migration V10). Lock times come from the database's clock, so instances with drifting clocks
 * agree on when a lock expires.
 */
@Configuration(proxyBeanMethods = false)
public class LockConfig {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return jdbcLockProvider(dataSource);
    }

    @Bean
    LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
        return new DefaultLockingTaskExecutor(lockProvider);
    }

    /** The lock provider of one hub instance; tests build two on one database to play two instances. */
    public static LockProvider jdbcLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }
}
