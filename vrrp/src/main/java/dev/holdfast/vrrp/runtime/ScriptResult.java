package dev.holdfast.vrrp.runtime;

/**
 * A vrrp_script's rise/fall hysteresis, keepalived's counter (vrrp_scheduler.c, the script child's exit
 * handler): an unknown script is decided by its first result; a failed one needs {@code rise} successes in a
 * row to be up, an up one {@code fall} failures in a row to be down. {@code init_fail} starts it failed.
 * Immutable: each result gives the next value.
 *
 * @param counter 0..rise+fall-1; up while at least rise
 * @param known false until the first result (unless init_fail)
 */
record ScriptResult(int rise, int fall, int counter, boolean known) {

    ScriptResult {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1");
        }
    }

    static ScriptResult initial(int rise, int fall, boolean initFail) {
        return initFail ? new ScriptResult(rise, fall, 0, true) : new ScriptResult(rise, fall, rise - 1, false);
    }

    boolean up() {
        return known && counter >= rise;
    }

    ScriptResult next(boolean success) {
        int top = rise + fall - 1;
        if (success) {
            if (counter < rise - 1) {
                return new ScriptResult(rise, fall, counter + 1, known);
            }
            return new ScriptResult(rise, fall, top, true);
        }
        if (counter > rise && known) {
            return new ScriptResult(rise, fall, counter - 1, true);
        }
        return new ScriptResult(rise, fall, 0, true);
    }
}
