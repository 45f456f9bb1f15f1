package io.regzoo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering that docs/ARCHITECTURE.md draws, checked on the compiled main classes: data flows
 * one way ({@code regularize} → {@code provenance} → {@code zoo}; {@code data}; {@code stats} → {@code train} →
 * {@code experiment} → {@code report} → {@code cli}), and nothing imports a package above itself.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.regzoo");
    }

    private static void mayNotUse(String pkg, String... forbidden) {
        String[] patterns = new String[forbidden.length];
        for (int i = 0; i < forbidden.length; i++) {
            patterns[i] = "io.regzoo." + forbidden[i] + "..";
        }
        noClasses().that().resideInAPackage("io.regzoo." + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(patterns)
                .because(pkg + " sits below " + String.join(", ", forbidden) + " (docs/ARCHITECTURE.md)")
                .check(main);
    }

    @Test
    void statsIsPureMathematics() {
        mayNotUse("stats", "regularize", "zoo", "data", "train", "experiment", "report", "cli", "bench");
        noClasses().that().resideInAPackage("io.regzoo.stats..").should().dependOnClassesThat()
                .resideInAnyPackage("org.deeplearning4j..", "org.nd4j..").check(main);
    }

    @Test
    void bottomLayersImportNoRegzooPackageAboveThem() {
        mayNotUse("regularize", "zoo", "data", "train", "experiment", "report", "cli", "bench", "stats");
        mayNotUse("data", "regularize", "zoo", "train", "experiment", "report", "cli", "bench", "stats");
        mayNotUse("zoo", "data", "train", "experiment", "report", "cli", "bench", "stats");
        mayNotUse("provenance", "zoo", "data", "train", "experiment", "report", "cli", "bench", "stats");
    }

    @Test
    void trainExperimentAndReportLookOnlyDown() {
        mayNotUse("sweep", "data", "train", "experiment", "report", "cli", "bench");
        mayNotUse("train", "experiment", "report", "cli", "bench", "sweep");
        mayNotUse("experiment", "report", "cli", "bench");
        mayNotUse("report", "cli", "bench");
        mayNotUse("bench", "experiment", "report", "cli");
    }

    @Test
    void nothingImportsTheSparkEngineWhichLooksOnlyDown() {
        mayNotUse("spark", "report", "cli", "bench");
        noClasses().that().resideOutsideOfPackage("io.regzoo.spark..")
                .should().dependOnClassesThat().resideInAPackage("io.regzoo.spark..")
                .because("the Spark engine is optional: the command line finds it by name (docs/SPARK.md)").check(main);
        noClasses().that().resideOutsideOfPackage("io.regzoo.spark..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
                .because("nothing of Spark is loaded unless --engine spark is asked for").check(main);
    }

    @Test
    void nothingImportsTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("io.regzoo.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.regzoo.cli..").check(main);
    }
}
