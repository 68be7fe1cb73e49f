package dev.kcentra.signin.idp;

import dev.kcentra.sync.EntraCloud;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The provider's cloud follows the Entra ID connection's Cloud setting. */
class EntraCloudHostsTest {

    @Test
    void unsetTheConnectionsNationalCloudBindsTheProvider() {
        assertEquals(EntraCloud.US_GOVERNMENT, EntraCloudHosts.bindingCloud(null, EntraCloud.US_GOVERNMENT));
        assertEquals(EntraCloud.CHINA, EntraCloudHosts.bindingCloud(null, EntraCloud.CHINA));
        assertEquals(EntraCloud.CUSTOM, EntraCloudHosts.bindingCloud(null, EntraCloud.GLOBAL), "providers saved before the setting");
        assertEquals(EntraCloud.CUSTOM, EntraCloudHosts.bindingCloud(null, null));
    }

    @Test
    void aProviderInAnotherCloudThanItsConnectionCannotBeSaved() {
        assertThrows(IllegalArgumentException.class, () -> EntraCloudHosts.bindingCloud(EntraCloud.GLOBAL, EntraCloud.CHINA));
        assertEquals(EntraCloud.US_GOVERNMENT_DOD, EntraCloudHosts.bindingCloud(EntraCloud.US_GOVERNMENT_DOD, EntraCloud.US_GOVERNMENT),
                "both sign in at login.microsoftonline.us");
        assertEquals(EntraCloud.CUSTOM, EntraCloudHosts.bindingCloud(EntraCloud.CUSTOM, EntraCloud.CHINA), "a proxy in front");
    }
}
