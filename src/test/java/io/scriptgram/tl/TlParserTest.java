package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlParserTest {
    private static final String SAMPLE = """
            // a hand-written schema using every form the parser accepts
            int ? = Int;
            long ? = Long;
            vector#1cb5c415 {t:Type} # [ t ] = Vector t;

            boolFalse#bc799737 = Bool;
            boolTrue#997275b5 = Bool;
            point#11111111 x:int y:int = Point;
            pair#22222222 a:point b:%Point = Pair;   // lowercase and % bare types
            thing#33333333 flags:# big:flags.0?true name:flags.1?string
                flags2:# tags:flags2.3?Vector<long> raw:vector<int> pts:Vector<Point> = Thing;
            ns.box#44444444 inner:Thing = ns.Box;

            ---functions---

            ns.getThing#55555555 id:long = Thing;
            wrap#66666666 {X:Type} layer:int query:!X = X;
            ns.ids#77777777 = Vector<int>;
            // LAYER 5
            """;

    @Test
    void readsEveryStandardForm() {
        TlSchema s = TlSchema.fromTexts(List.of(SAMPLE), List.of("sample.tl"));
        assertEquals(5, s.layer());
        TlConstructor thing = s.require("thing");
        assertEquals(0x33333333, thing.id());
        assertEquals("flags2.3?Vector<long>", thing.param("tags").declaration().substring("tags:".length()));
        assertEquals(TlType.BARE, s.require("pair").param("a").type.kind);
        assertEquals(TlType.BARE, s.require("pair").param("b").type.kind);
        assertEquals(TlType.ANY, s.require("wrap").param("query").type.kind);
        assertTrue(s.require("ns.getThing").isFunction());
        assertEquals("Vector<int>", s.require("ns.ids").resultType().text);
        assertEquals(
                List.of("thing"),
                s.type("Thing").constructors().stream().map(TlConstructor::name).toList());

        TlObject t = TlObject.of(
                s,
                "thing",
                Map.of(
                        "big",
                        true,
                        "tags",
                        List.of(1L, 2L),
                        "raw",
                        List.of(7),
                        "pts",
                        List.of(Map.of("_", "point", "x", 1, "y", 2))));
        TlObject w =
                TlObject.of(s, "wrap", Map.of("layer", 5, "query", TlObject.of(s, "ns.getThing", Map.of("id", 9L))));
        TlCodec codec = new TlCodec(s);
        assertEquals(t, codec.decode(TlCodec.encode(t)));
        assertEquals(w, codec.decode(TlCodec.encode(w)));
        assertEquals(1 | (1 << 3), (Integer) t.valueAt(0) | (Integer) t.valueAt(3)); // flags and flags2 computed
    }

    @Test
    void theBundledSchemaPrintedAsTlTextLoadsBackIdentically() {
        TlSchema bundled = TlSchema.bundled();
        StringBuilder text = new StringBuilder();
        for (TlConstructor c : bundled.constructors())
            if (c.hasId() && !c.name().startsWith("bool"))
                text.append(c.declaration()).append('\n');
        text.append("---functions---\n");
        for (TlConstructor c : bundled.functions()) text.append(c.declaration()).append('\n');
        text.append("// LAYER ").append(bundled.layer()).append('\n');
        TlSchema loaded = TlSchema.withApi(text.toString(), "layer.tl");
        assertEquals(bundled.layer(), loaded.layer());
        for (TlConstructor c : bundled.all()) {
            if (!c.hasId()) continue;
            TlConstructor other = loaded.byId(c.id());
            assertNotNull(other, c.name());
            assertEquals(c.declaration(), other.declaration());
        }
    }

    @Test
    void schemaErrorsNameTheFileLineAndProblem() {
        var e1 = assertThrows(TlException.class, () -> TlSchema.fromTexts(List.of("a#1 x:int = A"), List.of("x.tl")));
        assertTrue(e1.getMessage().contains("x.tl:1") && e1.getMessage().contains("';'"), e1.getMessage());
        var e2 = assertThrows(
                TlException.class, () -> TlSchema.fromTexts(List.of("a#1 x:int y:x.0?int = A;"), List.of("x.tl")));
        assertTrue(e2.getMessage().contains("not an earlier # field"), e2.getMessage());
        var e3 = assertThrows(
                TlException.class, () -> TlSchema.fromTexts(List.of("a#1 x:nothere = A;"), List.of("x.tl")));
        assertTrue(e3.getMessage().contains("nothere"), e3.getMessage());
    }
}
