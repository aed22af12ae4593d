package io.scriptgram.script;

import java.time.InstantSource;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;

/**
 * A test run's virtual time in a script: JS {@code Date.now()}/{@code new Date()} and Python {@code time.time()},
 * {@code time.time_ns()} and {@code datetime.now()}/{@code today()}/{@code utcnow()} read {@code clock} instead of the
 * system's. Installed after the prelude, only when the host runs on virtual time ({@code scriptgram test}).
 */
final class VirtualDates {
    private VirtualDates() {}

    /** The clock as the guest calls it. */
    public static final class GuestClock {
        private final InstantSource clock;

        GuestClock(InstantSource clock) {
            this.clock = clock;
        }

        @HostAccess.Export
        public double millis() {
            return clock.millis();
        }
    }

    private static final String JS = """
            (function (clock) {
              const RealDate = Date;
              class VirtualDate extends RealDate {
                constructor(...args) {
                  if (args.length === 0) super(clock.millis());
                  else super(...args);
                }
                static now() {
                  return clock.millis();
                }
              }
              // Date() called without new gives the time as a string, as the real one does.
              globalThis.Date = new Proxy(VirtualDate, {
                apply: () => new RealDate(clock.millis()).toString(),
              });
            })
            """;

    private static final String PY = """
            def _sg_virtual_time(clock):
                import time as _time
                import datetime as _dt
                _time.time = lambda: clock.millis() / 1000.0
                _time.time_ns = lambda: int(clock.millis()) * 1000000
                _real = _dt.datetime
                class datetime(_real):
                    @classmethod
                    def now(cls, tz=None):
                        return cls.fromtimestamp(clock.millis() / 1000.0, tz)
                    @classmethod
                    def today(cls):
                        return cls.fromtimestamp(clock.millis() / 1000.0)
                    @classmethod
                    def utcnow(cls):
                        return cls.fromtimestamp(clock.millis() / 1000.0, _dt.timezone.utc).replace(tzinfo=None)
                _dt.datetime = datetime
                class date(_dt.date):
                    @classmethod
                    def today(cls):
                        d = datetime.today()
                        return cls(d.year, d.month, d.day)
                _dt.date = date
            """;

    static void install(Context ctx, ScriptLanguage lang, InstantSource clock) {
        GuestClock c = new GuestClock(clock);
        if (lang == ScriptLanguage.JS) {
            ctx.eval(Source.create("js", JS)).execute(c);
        } else {
            ctx.eval(Source.create("python", PY));
            ctx.getBindings("python").getMember("_sg_virtual_time").execute(c);
            ctx.getBindings("python").removeMember("_sg_virtual_time");
        }
    }
}
