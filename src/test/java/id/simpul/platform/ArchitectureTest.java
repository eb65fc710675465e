package id.simpul.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The arrows between capabilities. Domain code (canonical, applicant) is plain Java; technical
 * capabilities never reach "up" into the ones that use them; nothing depends on the simulators.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("id.simpul");
    }

    @Test
    void domainCodeImportsNoSpringAndNoCamel() {
        noClasses().that().resideInAnyPackage("id.simpul.canonical..", "id.simpul.applicant..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..")
                .check(classes);
    }

    @Test
    void canonicalDependsOnNoOtherCapability() {
        noClasses().that().resideInAPackage("id.simpul.canonical..")
                .should().dependOnClassesThat().resideInAnyPackage("id.simpul.intake..", "id.simpul.applicant..",
                        "id.simpul.delivery..", "id.simpul.reconciliation..", "id.simpul.g2g..", "id.simpul.mapping..",
                        "id.simpul.platform..", "id.simpul.simulator..")
                .check(classes);
    }

    @Test
    void applicantDependsOnlyOnCanonical() {
        noClasses().that().resideInAPackage("id.simpul.applicant..")
                .should().dependOnClassesThat().resideInAnyPackage("id.simpul.intake..", "id.simpul.delivery..",
                        "id.simpul.reconciliation..", "id.simpul.g2g..", "id.simpul.mapping..", "id.simpul.platform..",
                        "id.simpul.simulator..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void mappingAndPlatformDoNotReachIntoFlows() {
        noClasses().that().resideInAnyPackage("id.simpul.mapping..", "id.simpul.platform..")
                .and().doNotHaveFullyQualifiedName("id.simpul.platform.cli.CommandCatalogue")
                .should().dependOnClassesThat().resideInAnyPackage("id.simpul.intake..", "id.simpul.delivery..",
                        "id.simpul.reconciliation..", "id.simpul.g2g..", "id.simpul.simulator..",
                        "id.simpul.applicant..")
                .check(classes);
    }

    @Test
    void intakeAndDeliveryDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("id.simpul.intake..")
                .should().dependOnClassesThat().resideInAnyPackage("id.simpul.delivery..", "id.simpul.reconciliation..",
                        "id.simpul.g2g..")
                .check(classes);
        noClasses().that().resideInAPackage("id.simpul.delivery..")
                .should().dependOnClassesThat().resideInAnyPackage("id.simpul.intake..", "id.simpul.reconciliation..",
                        "id.simpul.g2g..")
                .check(classes);
    }

    @Test
    void nothingInTheHubDependsOnTheSimulators() {
        noClasses().that().resideOutsideOfPackage("id.simpul.simulator..")
                .should().dependOnClassesThat().resideInAPackage("id.simpul.simulator..")
                .check(classes);
    }

    /** The brief's "configuration in one place": {@code simpul.*} is bound to typed properties, never read by {@code @Value}. */
    @Test
    void simpulSettingsAreReadThroughTypedPropertiesNotValueAnnotations() {
        List<String> readByValue = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaField f : c.getFields()) {
                f.getAnnotations().stream().filter(ArchitectureTest::readsSimpulSetting)
                        .forEach(a -> readByValue.add(f.getFullName()));
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                unit.getParameters().forEach(parameter -> parameter.getAnnotations().stream()
                        .filter(ArchitectureTest::readsSimpulSetting)
                        .forEach(a -> readByValue.add(unit.getFullName())));
            }
        }

        assertThat(readByValue).isEmpty();
    }

    private static boolean readsSimpulSetting(JavaAnnotation<?> annotation) {
        return annotation.getRawType().isEquivalentTo(Value.class)
                && String.valueOf(annotation.get("value").orElse("")).startsWith("${simpul.");
    }
}
