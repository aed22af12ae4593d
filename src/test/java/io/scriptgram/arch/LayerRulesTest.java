package io.scriptgram.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer rules of DESIGN.md ({@link LayerRules}), checked on the compiled classes of main and bench, so a fully
 * qualified name written inline counts as much as an import.
 */
class LayerRulesTest {
    @BeforeAll
    static void onlyTheClassesAtHand() {
        // Targets are judged by name; reading the JDK's and libraries' classes as well would only cost time.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    @Test
    void everyPackageUsesOnlyWhatItMay() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.scriptgram");
        assertTrue(main.size() > 300, "the main classes were read: " + main.size());
        assertTrue(main.contain("io.scriptgram.tl.TlCodec"));
        List<String> violations = LayerRules.violations(main);
        assertTrue(violations.isEmpty(), violations.size() + " violations:\n" + String.join("\n", violations));
    }

    @Test
    void inlineFullyQualifiedNamesAreCaught(@TempDir Path dir) throws IOException {
        // No imports: each use below is written fully qualified, which an import-reading check never sees.
        Path source = dir.resolve("src/io/scriptgram/tl/Sneaky.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package io.scriptgram.tl;
                class Sneaky {
                    io.scriptgram.store.UpdateState state;
                    Object buffer() { return io.netty.buffer.Unpooled.buffer(); }
                    byte[] file() throws Exception {
                        return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("x"));
                    }
                    void engine() { org.graalvm.polyglot.Context.create().close(); }
                }
                """);
        Path out = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(
                null,
                null,
                null,
                "-proc:none",
                "-cp",
                System.getProperty("java.class.path"),
                "-d",
                out.toString(),
                source.toString());
        assertEquals(0, rc, "the fixture compiles");

        List<String> violations = LayerRules.violations(new ClassFileImporter().importPath(out));
        String all = String.join("\n", violations);
        assertTrue(all.contains("tl may not use store"), all);
        assertTrue(all.contains("Netty outside net"), all);
        assertTrue(all.contains("I/O or threading below net in tl"), all);
        assertTrue(all.contains("script-engine types outside script"), all);
        assertTrue(all.contains("(Sneaky.java:4)"), "violations say where: " + all);
    }

    @Test
    void aPackageMissingFromTheTableIsReported(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("src/io/scriptgram/gadgets/Gadget.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package io.scriptgram.gadgets;\nclass Gadget {}\n");
        Path out = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-proc:none", "-d", out.toString(), source.toString());
        assertEquals(0, rc);
        assertEquals(
                List.of("io.scriptgram.gadgets.Gadget: package 'gadgets' is not in DESIGN.md's layer table"),
                LayerRules.violations(new ClassFileImporter().importPath(out)));
    }
}
