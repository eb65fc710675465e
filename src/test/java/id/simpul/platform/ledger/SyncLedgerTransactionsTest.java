package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.MutableClock;
import id.simpul.support.TestPayloads;
import id.simpul.support.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * The ledger as the hub runs it: behind Spring's transaction proxy, so that what its annotations promise is what
 * is tested. A state change and its trail event are one transaction: when the event cannot be written, the
 * state change is not kept either.
 */
class SyncLedgerTransactionsTest {

    private final DataSource store = TestStores.migratedH2("ledger-tx");
    private final JdbcClient jdbc = JdbcClient.create(store);
    private final SyncLedger ledger = proxied(new SyncLedger(jdbc, new MutableClock(Instant.parse("2026-12-01T08:00:00Z")),
            new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed()));

    @Test
    void aDeliveryWhoseTrailEventFailsLeavesTheVersionUndelivered() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1607112003",
                IncomingContent.of("h1")).entry();
        // The trail event carries the entry's NIB; one longer than its column makes the second statement fail.
        LedgerEntry unwritable = new LedgerEntry(entry.id(), entry.flow(), "9".repeat(21), entry.idIzin(),
                entry.ossId(), entry.kdDaerah(), entry.version(), entry.contentHash(), entry.state(), null, null, 0,
                null, entry.receivedAt(), entry.updatedAt(), null);

        assertThatThrownBy(() -> ledger.delivered(unwritable, "banyuasin", "SC-2026-000001"))
                .isInstanceOf(DataAccessException.class);

        LedgerEntry after = ledger.get(entry.id());
        assertThat(after.state()).isEqualTo(LedgerState.RECEIVED);
        assertThat(after.targetRef()).isNull();
        assertThat(ledger.events(entry.id())).extracting(TrailEvent::kind).containsExactly("RECEIVED");
    }

    @Test
    void aDeliveryKeepsTheStateAndItsTrailEventTogether() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-2", "P-1", "1607112003",
                IncomingContent.of("h2")).entry();

        ledger.delivered(entry, "banyuasin", "SC-2026-000002");

        assertThat(ledger.get(entry.id()).state()).isEqualTo(LedgerState.DELIVERED);
        assertThat(ledger.events(entry.id())).extracting(TrailEvent::kind).containsExactly("RECEIVED", "DELIVERED");
    }

    private SyncLedger proxied(SyncLedger target) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAdvice(new TransactionInterceptor(new DataSourceTransactionManager(store),
                new AnnotationTransactionAttributeSource()));
        return (SyncLedger) factory.getProxy();
    }
}
