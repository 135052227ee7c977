package dev.lanyard.assertion;

/** An assertion that does not pass: the reason is safe to tell the app (it names a check, never a key or a secret). */
public class AssertionRefused extends RuntimeException {

    public AssertionRefused(String reason) {
        super(reason, null, false, false);
    }
}
