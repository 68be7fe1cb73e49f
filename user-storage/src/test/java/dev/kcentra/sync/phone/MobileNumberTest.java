package dev.kcentra.sync.phone;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MobileNumberTest {

    @Test
    void internationalNumbersNeedNoRegion() {
        assertEquals(Optional.of("+14255550109"), MobileNumber.toE164("+1 425 555 0109", null));
        assertEquals(Optional.of("+14255550109"), MobileNumber.toE164("  +1 (425) 555-0109 ", "NL"));
        assertEquals(Optional.of("+31612345678"), MobileNumber.toE164("+31 6 1234 5678", ""));
    }

    @Test
    void nationalNumbersAreReadInTheDefaultRegion() {
        assertEquals(Optional.of("+31612345678"), MobileNumber.toE164("06 12345678", "NL"));
        assertEquals(Optional.of("+31612345678"), MobileNumber.toE164("06-1234.5678", "nl"));
        assertEquals(Optional.of("+14255550109"), MobileNumber.toE164("(425) 555-0109", "US"));
        assertEquals(Optional.empty(), MobileNumber.toE164("06 12345678", null), "no region: not understood");
    }

    @Test
    void whatIsNotANumberIsRefused() {
        assertEquals(Optional.empty(), MobileNumber.toE164("alice", "NL"));
        assertEquals(Optional.empty(), MobileNumber.toE164("alice@example.com", "NL"));
        assertEquals(Optional.empty(), MobileNumber.toE164("+1 000", "US"));
        assertEquals(Optional.empty(), MobileNumber.toE164("12345", "NL"));
        assertEquals(Optional.empty(), MobileNumber.toE164("+99 999 999 999", null), "no such country code");
        assertEquals(Optional.empty(), MobileNumber.toE164("0612345678; DROP TABLE", "NL"));
        assertEquals(Optional.empty(), MobileNumber.toE164("9".repeat(500), "NL"));
        assertEquals(Optional.empty(), MobileNumber.toE164(null, "NL"));
        assertEquals(Optional.empty(), MobileNumber.toE164("06 12345678", "XX"), "an unknown region reads nothing");
    }

    @Test
    void phoneLikeTextIsTellable() {
        assertTrue(MobileNumber.looksLikeOne("+31 6 1234 5678"));
        assertTrue(MobileNumber.looksLikeOne("0612345678"));
        assertFalse(MobileNumber.looksLikeOne("bob"));
        assertFalse(MobileNumber.looksLikeOne("bob@0612345678"));
        assertFalse(MobileNumber.looksLikeOne("123"));
    }

    @Test
    void regionsAreTheLibrarysOwn() {
        assertTrue(MobileNumber.regions().contains("NL"));
        assertTrue(MobileNumber.isRegion("US"));
        assertFalse(MobileNumber.isRegion("nl"));
        assertFalse(MobileNumber.isRegion("XX"));
    }
}
