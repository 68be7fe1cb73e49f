package dev.kcentra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSettingsTest {

    @TempDir
    Path dir;

    private Properties valid() throws Exception {
        Path zip = Files.writeString(dir.resolve("keycloak.zip"), "zip");
        Path bundle = Files.createDirectories(dir.resolve("providers"));
        Files.writeString(bundle.resolve("providers.txt"), "dev.kcentra:authenticators:jar:1");
        Properties p = new Properties();
        p.setProperty(DemoSettings.DISTRIBUTION, zip.toString());
        p.setProperty(DemoSettings.BUNDLE, bundle.toString());
        p.setProperty(DemoSettings.HOME, dir.resolve("home").toString());
        return p;
    }

    @Test
    void validSettingsAreAccepted() throws Exception {
        DemoSettings settings = DemoSettings.from(valid());
        assertEquals("admin", settings.adminUser());
        assertEquals(dir.resolve("home"), settings.home());
    }

    @Test
    void eachBadSettingIsNamed() throws Exception {
        Properties missingZip = valid();
        missingZip.setProperty(DemoSettings.DISTRIBUTION, dir.resolve("nope.zip").toString());
        assertMessage("Demo setting -Ddemo.distribution: " + dir.resolve("nope.zip") + " is not an existing .zip file", missingZip);

        Properties unset = valid();
        unset.remove(DemoSettings.BUNDLE);
        assertMessage("Demo setting -Ddemo.bundle: is not set", unset);

        Properties unresolved = valid();
        unresolved.setProperty(DemoSettings.HOME, "${demo.home}");
        assertMessage("Demo setting -Ddemo.home: is not set", unresolved);

        Properties unbuilt = valid();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        unbuilt.setProperty(DemoSettings.BUNDLE, empty.toString());
        assertMessage("Demo setting -Ddemo.bundle: " + empty + " is not a built bundle (no providers.txt): run mvn package first", unbuilt);

        Properties blankAdmin = valid();
        blankAdmin.setProperty(DemoSettings.ADMIN_PASSWORD, " ");
        assertMessage("Demo setting -Ddemo.admin.password: must be non-blank text without surrounding spaces or control characters", blankAdmin);
    }

    private static void assertMessage(String expected, Properties properties) {
        assertEquals(expected, assertThrows(DemoSettings.DemoSettingsException.class, () -> DemoSettings.from(properties)).getMessage());
    }

    @Test
    void toStringShowsNoAdminPassword() throws Exception {
        Properties p = valid();
        p.setProperty(DemoSettings.ADMIN_PASSWORD, "Very-Secret-Admin-1");
        String shown = DemoSettings.from(p).toString();
        assertEquals(false, shown.contains("Very-Secret-Admin-1"), shown);
        assertEquals(true, shown.contains("adminPassword=**********"), shown);
    }
}
