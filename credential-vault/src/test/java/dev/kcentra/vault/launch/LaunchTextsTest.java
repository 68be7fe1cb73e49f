package dev.kcentra.vault.launch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What users and admins are told about a launch is true: the hand-off page carries the password to the browser, so
 * neither My apps nor the README may say that the user never sees it.
 */
class LaunchTextsTest {

    @Test
    void myAppsSaysThatTheBrowserGetsThePassword() throws IOException {
        Properties messages = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/theme-resources/messages/messages_en.properties"),
                StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        String intro = messages.getProperty("kcentraMyAppsIntro").toLowerCase(Locale.ROOT);
        assertFalse(intro.contains("never see"), intro);
        assertTrue(intro.contains("password") && intro.contains("to your browser") && intro.contains("not hidden from you"), intro);
        assertTrue(intro.contains("gateway never send the password to your browser"), intro);
        assertFalse(intro.contains("'"), "the theme formats its messages: a single quote would vanish");
    }

    @Test
    void theReadmeSaysThatTheHandOffPageCarriesThePassword() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String vault = readme.substring(readme.indexOf("## Shared-credential vault"), readme.indexOf("## Linked accounts"));
        assertFalse(vault.contains("users never see it"), "the vault section no longer says users never see the password");
        assertTrue(vault.contains("**A launch from My apps hands the password to the user's browser**"), vault);
        assertTrue(vault.contains("carries it in its HTML"), vault);
        assertTrue(vault.contains("`gatewayOnly`"), vault);
    }
}
