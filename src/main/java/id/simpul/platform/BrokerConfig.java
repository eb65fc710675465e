package id.simpul.platform;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Broker-side safety net for the embedded broker (the standalone broker gets the same settings in
 * {@code docker/artemis/broker.xml}). Routes retry and dead-letter in the hub; the broker only
 * redelivers what a consumer rolled back (a crash, the store down, work deferred), with a growing
 * delay so a broken store is not hammered, and parks a message that failed 50 times on
 * {@code simpul.broker.dlq}, where the hub records it as a dead letter ({@code DeadLetters#recordParked}).
 * Where rolling back is how work waits (a target's queue while its circuit stays open, reports while
 * OSS's does: {@code DeferredException}), redelivery is unlimited: nothing is parked for being patient.
 * The parking lot itself never gives up either: its consumer only rolls back while the store is down.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfig {

    public static final String PARKING_LOT = "simpul.broker.dlq";
    public static final int MAX_DELIVERY_ATTEMPTS = 50;
    /** Queues whose consumers defer work back to the broker (one word per target id, see TargetRegistry). */
    static final String[] DEFERRING_QUEUES = {"simpul.delivery.permit.*", "simpul.delivery.status", PARKING_LOT};

    @Bean
    ArtemisConfigurationCustomizer simpulAddressSettings(SimpulProperties properties) {
        return configuration -> {
            configuration.addAddressSetting("simpul.#", settings(MAX_DELIVERY_ATTEMPTS));
            for (String match : DEFERRING_QUEUES) {
                configuration.addAddressSetting(match, settings(-1));
            }
            // One queue the hub reads: a parked message is never dropped for want of a queue bound to the address.
            configuration.addQueueConfiguration(QueueConfiguration.of(PARKING_LOT).setAddress(PARKING_LOT)
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
            // Durable sends are acknowledged after the journal is synced to disk (the default,
            // stated here because "store before ack" depends on it).
            configuration.setJournalSyncTransactional(true);
            configuration.setJournalSyncNonTransactional(true);
            // Without it a message in flight at a hard crash (SIGKILL, OOM, power) comes back with
            // JMSRedelivered=false, and intake would take a push it had half converted for a resend.
            configuration.setPersistDeliveryCountBeforeDelivery(true);
            // How long the NIO journal gathers writes before one sync. Artemis's NIO default (3.3 ms)
            // is sized for spinning disks; on an SSD a sync takes ~0.2 ms, so every durable ack and
            // every consumer commit waited mostly for the window. 0.5 ms (simpul.broker, the ASYNCIO
            // default) took a bare durable send from p50 3.4 ms to 0.6 ms in the benchmark's baseline.
            configuration.setJournalBufferTimeout_NIO((int) properties.broker().journalBufferTimeout().toNanos());
        };
    }

    /** Complete settings for each match (-1: unlimited deliveries), so none depends on how Artemis merges them. */
    static AddressSettings settings(int maxDeliveryAttempts) {
        return new AddressSettings()
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setDeadLetterAddress(SimpleString.of(PARKING_LOT));
    }
}
