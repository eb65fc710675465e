package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ApplicantRegistry#idsOf}: a master's id and every id retired into it, through chains of merges, after
 * splits and after a restart. Merges are made as the hub makes them: a record alone on its master re-sent with
 * another master's e-mail joins that master (the older id survives), and a record fitting two masters merges them.
 */
class MergedIdsLookupTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("merged-ids.jsonl");

    private RegistryFixture fx;

    @BeforeEach
    void registry() {
        fx = new RegistryFixture();
    }

    @Test
    void everyIdOfAChainOfMergesAnswersWithTheMasterAndAllIdsRetiredIntoIt() {
        String c = resolve("chain:c");
        String b = resolve("chain:b");
        String a = resolve("chain:a");

        assertThat(resendWithEmailOf("chain:a", "chain:b").merged()).as("A into B").containsExactly(a);
        assertThat(resendWithEmailOf("chain:c", "chain:b").merged()).as("B into C").containsExactly(b);

        for (String id : List.of(a, b, c)) {
            assertThat(fx.registry.idsOf(id)).as(id).containsExactly(c, b, a);
        }
    }

    @Test
    void aMasterThatAbsorbedOthersBringsTheirIdsAlongWhenItRetires() {
        String[] ids = fourMastersMergedInTwoSteps();

        for (String id : ids) {
            assertThat(fx.registry.idsOf(id)).as(id).containsExactly(ids);
        }
    }

    @Test
    void aSplitAfterMergesMakesANewMasterAndLeavesEveryRetiredIdWithItsMaster() {
        String[] ids = fourMastersMergedInTwoSteps();

        String created = fx.registry.split(ids[0], List.of("group:2"), "petugas-1");

        assertThat(fx.registry.idsOf(created)).containsExactly(created);
        assertThat(fx.registry.idsOf(ids[1])).containsExactly(ids);
        assertThat(fx.registry.idsOf(ids[3])).containsExactly(ids);
    }

    @Test
    void aRegistryReloadedFromItsStoreGivesTheSameIds() {
        String c = resolve("chain:c");
        String b = resolve("chain:b");
        String a = resolve("chain:a");
        resendWithEmailOf("chain:a", "chain:b");
        resendWithEmailOf("chain:c", "chain:b");
        String[] group = fourMastersMergedInTwoSteps();
        String created = fx.registry.split(group[0], List.of("group:4"), "petugas-1");
        String single = resolve("single");

        ApplicantRegistry reloaded = fx.open();

        for (String id : List.of(a, b, c)) {
            assertThat(reloaded.idsOf(id)).as(id).containsExactly(c, b, a);
        }
        for (String id : group) {
            assertThat(reloaded.idsOf(id)).as(id).containsExactly(group);
        }
        assertThat(reloaded.idsOf(created)).containsExactly(created);
        assertThat(reloaded.idsOf(single)).containsExactly(single);
    }

    @Test
    void aMasterNeverMergedHasOnlyItsOwnIdAndAnUnknownIdNone() {
        String single = resolve("single");

        assertThat(fx.registry.idsOf(single)).containsExactly(single);
        assertThat(fx.registry.idsOf("APL-99999999")).isEmpty();
        assertThat(fx.registry.idsOf("APL-00000000")).isEmpty();
        assertThat(fx.registry.idsOf("not-an-id")).isEmpty();
    }

    /** 2 into 1 and 4 into 3 (re-sends), then 3, with 4, into 1 (a record fitting both): ids 1..4 ascending. */
    private String[] fourMastersMergedInTwoSteps() {
        String[] ids = {resolve("group:1"), resolve("group:2"), resolve("group:3"), resolve("group:4")};
        assertThat(resendWithEmailOf("group:2", "group:1").merged()).containsExactly(ids[1]);
        assertThat(resendWithEmailOf("group:4", "group:3").merged()).containsExactly(ids[3]);
        assertThat(fx.resolve(CASES.get("group:bridge")).merged()).containsExactly(ids[2]);
        return ids;
    }

    private String resolve(String sourceRef) {
        return fx.resolve(CASES.get(sourceRef)).applicantId();
    }

    private Resolution resendWithEmailOf(String sourceRef, String other) {
        SourceRecord r = CASES.get(sourceRef);
        return fx.resolve(new SourceRecord(r.sourceRef(), r.type(), r.name(), r.nik(), r.npwp(), r.nib(), r.birthDate(),
                r.birthPlace(), r.gender(), r.address(), r.phone(), CASES.get(other).email()));
    }
}
