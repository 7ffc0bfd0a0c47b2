#include <gtest/gtest.h>

#include "engine/image/go_print.h"
#include "engine/image/inspect.h"
#include "engine/image/inspect_template.h"
#include "engine/image/template_fixture.h"

namespace strata::image {
namespace {

using testing::expect_go_results;
using testing::go_fixture;
using testing::GoCase;

// Expectations recorded from Go 1.19 text/template (with docker's template functions) running
// the same templates on the same data; see template_fixture.cc.

const GoCase k_PrintsValuesAsGoFmtDoes[] = {
    {R"go({{.Str}}|{{.Empty}}|{{.Int}}|{{.Neg}}|{{.Float}}|{{.Yes}}|{{.No}})go",
     R"go(hello||42|-7|2.5|true|false)go"},
    {R"go({{.List}} {{.NilList}} {{.EmptyList}} {{.Ints}} {{.Nested}})go",
     R"go([a b c] [] [] [3 1 2] [[x y] [] []])go"},
    {R"go({{.Map}} {{.NilMap}} {{.Set}} {{.Counts}})go",
     R"go(map[a:1 b:2 version:1.0] map[] map[443/tcp:{} 8080/tcp:{}] map[x:1 y:2])go"},
    {R"go({{.Ptr}} {{.NilPtr}} {{.Inner}} {{.Health}})go",
     R"go({p 3} <nil> {in 5} {[CMD true] 1.5s 3})go"},
    {R"go({{.Dur}} {{.NilAny}} {{.Quote}})go", "1m30s <no value> a\"b\n<&>\tü\001"},
    {R"go({{.Raw}})go",
     R"go(map[a:x empty:map[] f:1.5 list:[p <nil> 2] n:1 null:<nil> obj:map[k:v] t:true])go"},
    {R"go({{.Raw.list}} {{.Raw.f}} {{.Raw.n}} {{.Raw.t}} {{.Raw.empty}})go",
     R"go([p <nil> 2] 1.5 1 true map[])go"},
    {R"go({{1}} {{1.0}} {{1e3}} {{-2}} {{0x1F}} {{1.5}} {{'a'}} {{true}} {{"s"}} {{`raw`}})go",
     R"go(1 1 1000 -2 31 1.5 97 true s raw)go"},
    {R"go({{1e6}} {{100000.0}} {{1.25e-5}} {{0.1}} {{123456789.0}})go",
     R"go(1e+06 100000 1.25e-05 0.1 1.23456789e+08)go"},
    {R"go({{.Map.missing}} {{.Raw.missing}} {{.Raw.null}})go",
     R"go(<no value> <no value> <no value>)go"},
};

const GoCase k_PrintfFollowsGoFmt[] = {
    {R"go({{printf "%v %s %d" .List .List .Ints}})go", R"go([a b c] [a b c] [3 1 2])go"},
    {R"go({{printf "%v" .Ptr}})go", R"go(&{p 3})go"},
    {R"go({{printf "%v" .Inner}})go", R"go({in 5})go"},
    {R"go({{printf "%+v" .Inner}})go", R"go({Name:in Count:5})go"},
    {R"go({{printf "%v|%+v" .Health .Health}})go",
     R"go(&{[CMD true] 1.5s 3}|&{Test:[CMD true] Interval:1.5s Retries:3})go"},
    {R"go({{printf "%s" .Health}})go", R"go(&{[CMD true] 1.5s %!s(int=3)})go"},
    {R"go({{printf "%s %v" .Ptr .NilPtr}})go", R"go(&{p %!s(int=3)} <nil>)go"},
    {R"go({{printf "%s"}})go", R"go(%!s(MISSING))go"},
    {R"go({{printf "%s" 1 2}})go", R"go(%!s(int=1)%!(EXTRA int=2))go"},
    {R"go({{printf "%5d|%-5d|%05d" 42 42 42}})go", R"go(   42|42   |00042)go"},
    {R"go({{printf "%.2f %e %g" .Float .Float .Float}})go", R"go(2.50 2.500000e+00 2.5)go"},
    {R"go({{printf "%t %v" .Yes .No}})go", R"go(true false)go"},
    {R"go({{printf "%x %X" .Str 255}})go", R"go(68656c6c6f FF)go"},
    {R"go({{printf "%q" 65}})go", R"go('A')go"},
    {R"go({{printf "%d" .Dur}})go", R"go(90000000000)go"},
    {R"go({{printf "%v" .Dur}})go", R"go(1m30s)go"},
    {R"go({{printf "%q" .Quote}})go", R"go("a\"b\n<&>\tü\x01")go"},
    {R"go({{printf "%d" .Str}})go", R"go(%!d(string=hello))go"},
    {R"go({{printf "%d" .Map}})go",
     R"go(map[%!d(string=a):%!d(string=1) %!d(string=b):%!d(string=2) %!d(string=version):%!d(string=1.0)])go"},
    {R"go({{printf "%d" .Yes}})go", R"go(%!d(bool=true))go"},
    {R"go({{printf "%s" 1.5}})go", R"go(%!s(float64=1.5))go"},
    {R"go({{printf "%v" .NilAny}})go", R"go(<nil>)go"},
    {R"go({{printf "%s" .NilAny}})go", R"go(%!s(<nil>))go"},
    {R"go({{printf "%v" .Map.missing}})go", R"go(<nil>)go"},
    {R"go({{printf "%d" .Raw.n}})go", R"go(%!d(json.Number=1))go"},
    {R"go({{printf "%T %T %T %T" .List .Map .Inner .NilAny}})go",
     R"go([]string map[string]string main.Inner <nil>)go"},
    {R"go({{printf "%6.3v|%.3s|%-4d|" 3.14159 "abcdef" 7}})go", R"go(  3.14|abc|7   |)go"},
    {R"go({{printf "%x|%X|% x" .List 3054 "ab"}})go", R"go([61 62 63]|BEE|61 62)go"},
    {R"go({{printf "%o %b %c %U" 64 5 9731 9731}})go", R"go(100 101 ☃ U+2603)go"},
    {R"go({{printf "%q %q" 10 "\x00\x7f"}})go", R"go('\n' "\x00\x7f")go"},
    {R"go({{printf "%g %g %g %g %g" 0.1 1e20 1e21 123456789.0 1e-5}})go",
     R"go(0.1 1e+20 1e+21 1.23456789e+08 1e-05)go"},
    {R"go({{printf "%.0f %.1f %.3e" 2.5 0.05 1234.5678}})go", R"go(2 0.1 1.235e+03)go"},
    {R"go({{printf "%+d % d %+.1f" 5 5 2.0}})go", R"go(+5  5 +2.0)go"},
    {R"go({{printf "%08.2f|%-8.2f|%+08d" 3.14159 3.14159 42}})go",
     R"go(00003.14|3.14    |+0000042)go"},
    {R"go({{printf "%08d|%+.3d|%x|%#x|%o|%b" -42 7 255 255 8 5}})go",
     R"go(-0000042|+007|ff|0xff|10|101)go"},
    {R"go({{printf "%e|%E|%g|%G|%.3g|%10.2e" 123456.789 0.000123 1e21 1e-7 3.14159 -1234.5}})go",
     R"go(1.234568e+05|1.230000E-04|1e+21|1E-07|3.14| -1.23e+03)go"},
    {R"go({{printf "%v|%6v|%-6v|" 1.5 "ab" true}})go", R"go(1.5|    ab|true  |)go"},
    {R"go({{printf "%q" "\u00a0\u200b\ufeff\U0001F600é"}})go", R"go("\u00a0\u200b\ufeff😀é")go"},
    {R"go({{printf "%.1q" "hello"}})go", R"go("h")go"},
    {R"go({{printf "%%|%c|%U" 65 65}})go", R"go(%|A|U+0041)go"},
    {R"go({{printf "%5.1f|%x" 3.14159 -255}})go", R"go(  3.1|-ff)go"},
    {R"go({{printf "%q" .List}})go", R"go(["a" "b" "c"])go"},
    {R"go({{printf "%s" .Ints}})go", R"go([%!s(int=3) %!s(int=1) %!s(int=2)])go"},
};

const GoCase k_PrintAndPrintlnSpaceOperandsAsGoDoes[] = {
    {R"go({{print 1 2 "a" "b" 3}})go", R"go(1 2ab3)go"},
    {R"go({{println 1 "a"}})go", "1 a\n"},
    {R"go({{print .NilAny}})go", R"go(<nil>)go"},
    {R"go({{print nil}})go", R"go(<nil>)go"},
    {R"go({{print .List .Str .Int}})go", R"go([a b c]hello42)go"},
    {R"go({{print .Int .Float .Yes}})go", R"go(42 2.5 true)go"},
    {R"go({{println}})go", "\n"},
    {R"go({{println .List .Map}})go", "[a b c] map[a:1 b:2 version:1.0]\n"},
    {R"go({{print}})go", R"go()go"},
    {R"go({{print .Map.missing}})go", R"go(<nil>)go"},
};

TEST(TemplatePrint, PrintsValuesAsGoFmtDoes) {
  expect_go_results(k_PrintsValuesAsGoFmtDoes, go_fixture());
}

TEST(TemplatePrint, PrintfFollowsGoFmt) {
  expect_go_results(k_PrintfFollowsGoFmt, go_fixture());
}

TEST(TemplatePrint, PrintAndPrintlnSpaceOperandsAsGoDoes) {
  expect_go_results(k_PrintAndPrintlnSpaceOperandsAsGoDoes, go_fixture());
}

// Checked against Go's time.Duration.String.
TEST(TemplatePrint, DurationsPrintAsGoDoes) {
  EXPECT_EQ(go_duration_string(0), "0s");
  EXPECT_EQ(go_duration_string(1), "1ns");
  EXPECT_EQ(go_duration_string(999), "999ns");
  EXPECT_EQ(go_duration_string(1'500), "1.5\u00b5s");
  EXPECT_EQ(go_duration_string(1'500'000), "1.5ms");
  EXPECT_EQ(go_duration_string(1'500'000'000), "1.5s");
  EXPECT_EQ(go_duration_string(30'000'000'000), "30s");
  EXPECT_EQ(go_duration_string(90'000'000'000), "1m30s");
  EXPECT_EQ(go_duration_string(3'600'000'000'000), "1h0m0s");
  EXPECT_EQ(go_duration_string(3'723'000'000'001), "1h2m3.000000001s");
  EXPECT_EQ(go_duration_string(-2'000'000'000), "-2s");
  EXPECT_EQ(go_duration_string(-1'500), "-1.5\u00b5s");
}

// Checked against Go's time.Time Format(RFC3339Nano) and String (TZ=UTC).
TEST(TemplatePrint, TimesPrintAsGoDoes) {
  EXPECT_EQ(rfc3339_nano("2024-05-01T10:00:00.120000000Z"), "2024-05-01T10:00:00.12Z");
  EXPECT_EQ(go_time_string("2024-05-01T10:00:00.120000000Z"), "2024-05-01 10:00:00.12 +0000 UTC");
  EXPECT_EQ(rfc3339_nano("2024-05-01T10:00:00Z"), "2024-05-01T10:00:00Z");
  EXPECT_EQ(go_time_string("2024-05-01T10:00:00Z"), "2024-05-01 10:00:00 +0000 UTC");
  EXPECT_EQ(rfc3339_nano("2024-05-01T10:00:00.5+02:00"), "2024-05-01T10:00:00.5+02:00");
  EXPECT_EQ(go_time_string("2024-05-01T10:00:00.5+02:00"), "2024-05-01 10:00:00.5 +0200 +0200");
  EXPECT_EQ(go_time_string(k_go_zero_time), "0001-01-01 00:00:00 +0000 UTC");
  EXPECT_EQ(rfc3339_nano("not a time"), "not a time");
}

// Go prints a pointer nested in another value as its address, which changes from run to run;
// we print a fixed stand-in of the same shape.
TEST(TemplatePrint, NestedPointersPrintAPlaceholderAddress) {
  TemplateValue inner = TemplateValue::structure("main.T", {{"A", TemplateValue::integer(1)}});
  TemplateValue outer = TemplateValue::structure(
      "main.O",
      {{"P", TemplateValue::pointer_to(inner)}, {"N", TemplateValue::nil_pointer("*main.T")}});
  auto parsed = Template::parse("{{.}} {{.P}} {{printf \"%v\" .P}}");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->execute(outer).value(),
            std::string("{") + std::string(k_pointer_placeholder) + " <nil>} {1} &{1}");
}

}  // namespace
}  // namespace strata::image
