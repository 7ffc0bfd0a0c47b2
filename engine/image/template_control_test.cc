#include <gtest/gtest.h>

#include <vector>

#include "engine/image/template_fixture.h"

namespace strata::image {
namespace {

using testing::expect_go_results;
using testing::go_fixture;
using testing::GoCase;

// Expectations recorded from Go 1.19 text/template (with docker's template functions) running
// the same templates on the same data; see template_fixture.cc.

const GoCase k_ControlStructuresFollowGoSemantics[] = {
    {R"go({{if .No}}a{{else if .Yes}}b{{else}}c{{end}})go", R"go(b)go"},
    {R"go({{if .Empty}}a{{else if .No}}b{{else}}c{{end}})go", R"go(c)go"},
    {R"go({{if .NilAny}}y{{else}}n{{end}})go", R"go(n)go"},
    {R"go({{if .Inner}}t{{end}})go", R"go(t)go"},
    {R"go({{if .EmptyList}}t{{else}}f{{end}})go", R"go(f)go"},
    {R"go({{if .Dur}}t{{end}})go", R"go(t)go"},
    {R"go({{if .Float}}t{{end}})go", R"go(t)go"},
    {R"go({{if .NilMap}}t{{else}}f{{end}})go", R"go(f)go"},
    {R"go({{with .Ptr}}{{.Name}}{{else}}none{{end}})go", R"go(p)go"},
    {R"go({{with .NilPtr}}{{.Name}}{{else}}none{{end}})go", R"go(none)go"},
    {R"go({{with $x := .Inner}}{{$x.Name}}{{end}})go", R"go(in)go"},
    {R"go({{with .Inner}}{{$.Str}}{{.Name}}{{end}})go", R"go(helloin)go"},
    {R"go({{with .Raw.missing}}x{{end}})go", R"go()go"},
    {R"go({{range $i, $v := .List}}{{$i}}:{{$v}} {{end}})go", R"go(0:a 1:b 2:c )go"},
    {R"go({{range .Map}}{{.}},{{end}})go", R"go(1,2,1.0,)go"},
    {R"go({{range $k, $v := .Map}}{{$k}}={{$v}};{{end}})go", R"go(a=1;b=2;version=1.0;)go"},
    {R"go({{range .NilList}}x{{else}}empty{{end}})go", R"go(empty)go"},
    {R"go({{range .EmptyList}}x{{else}}empty{{end}})go", R"go(empty)go"},
    {R"go({{range .NilMap}}x{{else}}none{{end}})go", R"go(none)go"},
    {R"go({{range .List}}{{.}}{{else}}none{{end}})go", R"go(abc)go"},
    {R"go({{range $x := .List}}{{$x}}{{end}})go", R"go(abc)go"},
    {R"go({{range $i, $e := .Counts}}{{$i}}{{$e}}{{end}})go", R"go(x1y2)go"},
    {R"go({{range .List}}{{if eq . "b"}}{{break}}{{end}}{{.}}{{end}})go", R"go(a)go"},
    {R"go({{range .List}}{{if eq . "b"}}{{continue}}{{end}}{{.}}{{end}})go", R"go(ac)go"},
    {R"go({{range $i, $v := .Nested}}{{$i}}{{$v}}{{end}})go", R"go(0[x y]1[]2[])go"},
    {R"go({{range .Nested}}{{range .}}{{.}}{{end}}|{{end}})go", R"go(xy|||)go"},
    {R"go({{range .Raw.list}}[{{.}}]{{end}})go", R"go([p][<no value>][2])go"},
    {R"go({{range $i, $v := .Raw.list}}{{$i}}={{$v}},{{end}})go", R"go(0=p,1=<no value>,2=2,)go"},
    {R"go({{range $k, $v := .Raw}}{{$k}}:{{$v}} {{end}})go",
     R"go(a:x empty:map[] f:1.5 list:[p <nil> 2] n:1 null:<no value> obj:map[k:v] t:true )go"},
    {R"go({{range .Str}}{{.}}{{end}})go",
     R"go(template: :1:8: executing "" at <.Str>: range can't iterate over hello)go", true},
    {R"go({{range .Inner}}{{.}}{{end}})go",
     R"go(template: :1:8: executing "" at <.Inner>: range can't iterate over {in 5})go", true},
    {R"go({{$x := 1}}{{$x}})go", R"go(1)go"},
    {R"go({{$x := 1}}{{$x = 2}}{{$x}})go", R"go(2)go"},
    {R"go({{$x := 5}}{{range .List}}{{$x}}{{end}})go", R"go(555)go"},
    {R"go({{range .List}}{{$y := .}}{{$y}}{{end}})go", R"go(abc)go"},
    {R"go({{$x := .Inner}}{{$x.Name}})go", R"go(in)go"},
    {R"go({{$s := .List}}{{range $s}}{{.}}{{end}}{{len $s}})go", R"go(abc3)go"},
    {R"go({{.Str | printf "%s!"}})go", R"go(hello!)go"},
    {R"go({{.Int | printf "%d" | printf "%s!"}})go", R"go(42!)go"},
    {R"go({{.Str | len}})go", R"go(5)go"},
    {R"go({{len .List | printf "%d items"}})go", R"go(3 items)go"},
};

TEST(TemplateControl, ControlStructuresFollowGoSemantics) {
  expect_go_results(k_ControlStructuresFollowGoSemantics, go_fixture());
}

// What a missing map key gives under each "missingkey" option. The error wording is what the
// docker CLI printed on its raw-JSON fallback (missingkey=error).
TEST(TemplateControl, MissingKeyOptions) {
  auto parsed = Template::parse("[{{.Map.missing}}]");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->execute(go_fixture()).value(), "[<no value>]");
  EXPECT_EQ(parsed->execute(go_fixture(), {MissingKey::zero}).value(), "[]");
  auto error = parsed->execute(go_fixture(), {MissingKey::error});
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(
      go_error_text(error.error()),
      "template: :1:7: executing \"\" at <.Map.missing>: map has no entry for key \"missing\"");
}

// Go 1.23 added {{else with}} and Go 1.24 ranging over an integer; docker 28 is built with Go
// 1.24. Not checked against a real Go (the oracle here is 1.19): from the Go release notes.
TEST(TemplateControl, NewerGoConstructs) {
  expect_go_results(
      std::vector<GoCase>{
          {"{{with .Empty}}a{{else with .Str}}{{.}}{{else}}c{{end}}", "hello"},
          {"{{with .Empty}}a{{else with .No}}b{{else}}c{{end}}", "c"},
          {"{{range 3}}{{.}}{{end}}|{{range $i := 2}}{{$i}}{{end}}|{{range 0}}x{{else}}none{{end}}",
           "012|01|none"},
          {"{{range $i, $v := 2}}{{end}}",
           "template: :1:18: executing \"\" at <2>: can't use 2 to iterate over more than one "
           "variable",
           true},
      },
      go_fixture());
}

}  // namespace
}  // namespace strata::image
