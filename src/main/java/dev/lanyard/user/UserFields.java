package dev.lanyard.user;

import java.util.regex.Pattern;

/** The rules for a user's fields that the API and the console both check. */
public final class UserFields {

    /** A user_id chosen by an administrator (generated ids are 32 hex digits and match too). */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int MAX_NICK_NAME = 128;
    public static final int MAX_EMAIL = 320;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private UserFields() {
    }

    public static boolean isEmail(String value) {
        return value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
    }
}
