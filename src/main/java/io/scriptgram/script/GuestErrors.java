package io.scriptgram.script;

import java.io.File;
import java.nio.file.Path;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/** Says where a script's error happened: file:line[:column] in the script's own files, then the message. */
final class GuestErrors {
    private final Path folder;

    GuestErrors(Path folder) {
        this.folder = folder;
    }

    /** "file:line:col: message" for a guest exception (prelude frames skipped). */
    String describe(PolyglotException e) {
        if (e.isInterrupted()) return "interrupted: ran too long without yielding";
        String loc = location(e);
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        return (loc.isEmpty() ? "" : loc + ": ") + msg;
    }

    String location(PolyglotException e) {
        String py = pythonLocation(e);
        if (py != null) return py;
        SourceSection s = e.isSyntaxError() ? e.getSourceLocation() : null;
        if (s == null) {
            for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
                SourceSection fs = f.getSourceLocation();
                if (f.isGuestFrame() && fs != null && !fs.getSource().getName().startsWith("scriptgram-")) {
                    s = fs;
                    break;
                }
            }
        }
        if (s == null) s = e.getSourceLocation();
        if (s == null || !s.isAvailable()) return "";
        return s.getSource().getName() + ":" + s.getStartLine() + ":" + s.getStartColumn();
    }

    /** GraalPy's frames carry the whole function as their source section; its traceback has the line. */
    private String pythonLocation(PolyglotException e) {
        if (e.isSyntaxError()) return null;
        try {
            Value ex = e.getGuestObject();
            if (ex == null || !ex.hasMember("__traceback__")) return null;
            String found = null;
            for (Value tb = ex.getMember("__traceback__"); tb != null && !tb.isNull(); tb = tb.getMember("tb_next")) {
                String file = tb.getMember("tb_frame")
                        .getMember("f_code")
                        .getMember("co_filename")
                        .asString();
                if (file.startsWith(folder.toString() + File.separator))
                    file = file.substring(folder.toString().length() + 1);
                if (!file.startsWith("scriptgram-"))
                    found = file + ":" + tb.getMember("tb_lineno").asInt();
            }
            return found;
        } catch (RuntimeException ignored) {
            return null; // not a Python exception, or the context is gone
        }
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Text for a JS rejection reason: its stack (file:line) when it is an Error. */
    String rejection(Value reason) {
        if (reason == null || reason.isNull()) return "rejected without a reason";
        try {
            if (reason.isException()) {
                try {
                    reason.throwException();
                } catch (PolyglotException pe) {
                    return describe(pe);
                }
            }
            if (reason.hasMember("stack")) {
                Value st = reason.getMember("stack");
                if (st != null && st.isString()) return st.asString();
            }
        } catch (RuntimeException ignored) {
            // fall back to toString
        }
        return reason.toString();
    }
}
