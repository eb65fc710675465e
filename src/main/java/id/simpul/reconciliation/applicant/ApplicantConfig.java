package id.simpul.reconciliation.applicant;

import id.simpul.applicant.ApplicantMapping;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.MergeListener;
import id.simpul.applicant.match.FeatureExtractor;
import id.simpul.applicant.pii.PayloadSeal;
import id.simpul.applicant.pii.PiiKeys;
import id.simpul.applicant.pii.PiiProtector;
import id.simpul.applicant.store.RegistryStore;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.security.KeyFiles;
import id.simpul.platform.security.StoredPayloads;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The applicant registry in the hub: one registry over the hub's store, its in-memory index rebuilt when the
 * hub starts (Flyway has migrated the store by then). Merges and splits reach G2G from the registry's stored history
 * ({@code applicant_event}, read by {@code g2g.events.ApplicantEvents}), not from a listener: a hand-off in process
 * is lost when it fails or the hub stops right after the registry's write.
 */
@Configuration(proxyBeanMethods = false)
public class ApplicantConfig {

    @Bean
    PiiProtector piiProtector(SimpulProperties properties, Environment environment) {
        return PiiKeys.load(KeyFiles.variable(environment, PiiKeys.ENV), properties.dataDir());
    }

    /** The seal of the stored payloads: its key derived from the PII key, its keyed hash the registry's NIK hash. */
    @Bean
    StoredPayloads storedPayloads(PiiProtector pii) {
        PayloadSeal seal = pii.payloadSeal();
        return new StoredPayloads(seal::seal, seal::open, pii::hmac);
    }

    @Bean
    ApplicantMapping applicantMapping(PiiProtector pii) {
        return new ApplicantMapping(pii::hmac);
    }

    /**
     * Depends on the Flyway migrations; the in-memory index is rebuilt in the background (a million records take
     * a minute or more), so the hub starts at once and matching waits until the registry is loaded.
     */
    @Bean
    @DependsOnDatabaseInitialization
    ApplicantRegistry applicantRegistry(DataSource dataSource, PiiProtector pii, Clock clock, ApplicantProperties properties) {
        ApplicantRegistry registry = new ApplicantRegistry(new RegistryStore(dataSource, pii.payloadSeal()), new FeatureExtractor(pii, clock),
                properties.settings(), clock, MergeListener.NONE);
        registry.loadInBackground();
        return registry;
    }
}
