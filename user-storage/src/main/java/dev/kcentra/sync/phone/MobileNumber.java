package dev.kcentra.sync.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Mobile numbers in one form, E.164 ({@code +31612345678}), so that what a user types on the identifier page and
 * what Entra holds in {@code mobilePhone} compare equal. A number without a country code is read in a default
 * region; without one, only international numbers are understood.
 */
public final class MobileNumber {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Digits with the usual separators, optionally a leading '+'; no letters, no '@'. */
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9(][0-9 ()./-]{4,30}");

    private MobileNumber() {
    }

    /** Whether {@code text} is written like a phone number at all (it may still not be a valid one). */
    public static boolean looksLikeOne(String text) {
        return text != null && PHONE_LIKE.matcher(text.strip()).matches();
    }

    /**
     * The E.164 form of {@code text}, or empty when it is not a valid number. {@code defaultRegion} is an ISO 3166
     * two-letter code, used for numbers written without a country code; null or blank for none.
     */
    public static Optional<String> toE164(String text, String defaultRegion) {
        if (!looksLikeOne(text)) {
            return Optional.empty();
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.strip().toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = PHONES.parse(text.strip(), region);
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }

    /** The regions a default may be chosen from, sorted. */
    public static SortedSet<String> regions() {
        return new TreeSet<>(PHONES.getSupportedRegions());
    }

    public static boolean isRegion(String region) {
        return region != null && PHONES.getSupportedRegions().contains(region);
    }
}
