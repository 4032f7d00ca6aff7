package com.profilebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** Feature modules without cycles, internals kept internal, and no backend code touching the UI. */
class ArchitectureTests {

    static final ApplicationModules modules = ApplicationModules.of(ProfileBridgeApplication.class);

    @Test
    void featureModulesHaveNoCyclesAndOnlyUseEachOthersPublicApi() {
        assertThat(modules.stream().map(ApplicationModule::getName))
                .contains("cdp", "identity", "masking", "profile", "resolve", "security", "ui");
        modules.verify();
    }

    @Test
    void noBackendClassDependsOnTheUi() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.profilebridge");
        noClasses().that().resideOutsideOfPackage("com.profilebridge.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin..", "com.profilebridge.ui..")
                .because("backend code must work without the Vaadin UI (house style: UI module separate)")
                .check(classes);
    }
}
