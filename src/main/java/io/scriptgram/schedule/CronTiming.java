package io.scriptgram.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * A cron expression: the usual 5 fields (minute hour day-of-month month day-of-week), or 6 with a leading seconds
 * field, or a macro ({@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly}), evaluated in
 * a time zone. Parsing is cron-utils'.
 */
public final class CronTiming implements Timing {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly",
            "0 0 1 1 *",
            "@annually",
            "0 0 1 1 *",
            "@monthly",
            "0 0 1 * *",
            "@weekly",
            "0 0 * * 0",
            "@daily",
            "0 0 * * *",
            "@midnight",
            "0 0 * * *",
            "@hourly",
            "0 * * * *");
    private static final CronParser FIVE = new CronParser(fields(false));
    private static final CronParser SIX = new CronParser(fields(true));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime execution;

    public CronTiming(String expression, ZoneId zone) {
        this.expression = expression.trim();
        this.zone = zone;
        String expr = MACROS.getOrDefault(this.expression.toLowerCase(), this.expression);
        if (expr.startsWith("@")) {
            throw new IllegalArgumentException(
                    "cron '" + expression + "' is not a known macro (@yearly, @monthly, @weekly, @daily, @hourly)");
        }
        int fields = expr.split("\\s+").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("cron '" + expression + "' has " + fields
                    + " fields; expected 5 (minute hour day month weekday) or 6 (with seconds first)");
        }
        Cron cron;
        try {
            cron = (fields == 5 ? FIVE : SIX).parse(expr);
            cron.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron '" + expression + "' is not valid: " + e.getMessage());
        }
        this.execution = ExecutionTime.forCron(cron);
        // A date that does not exist (31 February) parses, but such a schedule would silently never run.
        if (next(Instant.now()) == null) {
            throw new IllegalArgumentException("cron '" + expression + "' never fires (no such date)");
        }
    }

    private static CronDefinition fields(boolean seconds) {
        var b = CronDefinitionBuilder.defineCron();
        if (seconds) b = b.withSeconds().and();
        return b.withMinutes()
                .and()
                .withHours()
                .and()
                .withDayOfMonth()
                .supportsL()
                .supportsW()
                .supportsQuestionMark()
                .and()
                .withMonth()
                .and()
                .withDayOfWeek()
                .withValidRange(0, 7)
                .withMondayDoWValue(1)
                .withIntMapping(7, 0)
                .supportsHash()
                .supportsL()
                .supportsQuestionMark()
                .and()
                .instance();
    }

    @Override
    public Instant next(Instant after) {
        return execution
                .nextExecution(ZonedDateTime.ofInstant(after, zone))
                .map(ZonedDateTime::toInstant)
                .orElse(null);
    }

    @Override
    public String describe() {
        return "cron " + expression + (zone.getId().equals("UTC") ? "" : " (" + zone.getId() + ")");
    }
}
