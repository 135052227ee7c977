package dev.lanyard.usersystem.mobile;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/** Parses what a person typed into one canonical E.164 number with libphonenumber, so one phone is one identity. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_INPUT = 32;

    /** A valid number: {@code e164} is the identity key (+8613800138000), {@code region} the calling code ("86"). */
    public record Phone(String e164, String region, String nationalNumber) {

        /** The number as a person may see it without giving it away: 138****8000. */
        public String masked() {
            String n = nationalNumber;
            if (n.length() <= 4) {
                return "****";
            }
            int shown = Math.min(3, n.length() - 4);
            return n.substring(0, shown) + "****" + n.substring(n.length() - 4);
        }

        @Override
        public String toString() {
            return "+" + region + " " + masked(); // logs and audit events never see the whole number
        }
    }

    private PhoneNumbers() {
    }

    /**
     * {@code typed} may carry its own "+country" prefix; otherwise {@code region} (a calling code such as "86",
     * optionally with "+") says the country. Throws IllegalArgumentException for anything that is not a valid number.
     */
    public static Phone parse(String typed, String region) {
        if (typed == null || typed.isBlank() || typed.length() > MAX_INPUT || !typed.matches("[+0-9 ()\\-]+")) {
            throw new IllegalArgumentException("not a phone number");
        }
        String callingCode = region == null || region.isBlank() ? "" : region.strip().replaceFirst("^\\+", "");
        if (!callingCode.isEmpty() && !callingCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("not a country calling code");
        }
        try {
            String candidate = typed.strip().startsWith("+") || callingCode.isEmpty() ? typed.strip() : "+" + callingCode + " " + typed.strip();
            Phonenumber.PhoneNumber number = UTIL.parse(candidate, "ZZ");
            if (!UTIL.isValidNumber(number)) {
                throw new IllegalArgumentException("not a valid phone number");
            }
            return new Phone(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                    Integer.toString(number.getCountryCode()), UTIL.getNationalSignificantNumber(number));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not a phone number");
        }
    }
}
