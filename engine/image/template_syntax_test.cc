#include <gtest/gtest.h>

#include "engine/image/template_fixture.h"

namespace strata::image {
namespace {

using testing::expect_go_results;
using testing::go_fixture;
using testing::GoCase;

// Expectations recorded from Go 1.19 text/template (with docker's template functions) running
// the same templates on the same data; see template_fixture.cc.

const GoCase k_ParsesActionsTrimMarkersAndComments[] = {
    {R"go(a  {{- .Str -}}  b)go", R"go(ahellob)go"},
    {"a\n\t{{- .Str}}\n", "ahello\n"},
    {"{{.Str -}}\n\n x", R"go(hellox)go"},
    {R"go({{- /* c */ -}} x)go", R"go(x)go"},
    {R"go(x {{/* c */}} y)go", R"go(x  y)go"},
    {"{{.Str}}{{/* multi\nline */}}!", R"go(hello!)go"},
    {R"go({{- 3}})go", R"go(3)go"},
    {R"go({{3 -}} x)go", R"go(3x)go"},
    {R"go({{"a\tb\x41\u00e9\101"}})go", "a\tbAéA"},
    {R"go({{$.Str}} {{$.Inner.Name}} {{(.Ptr).Name}})go", R"go(hello in p)go"},
    {R"go({{.Ptr.Name}})go", R"go(p)go"},
};

const GoCase k_ParseErrorsMatchGo[] = {
    {R"go(a {{-.Int}})go", R"go(template: :1: bad number syntax: "-.I")go", true},
    {R"go({{/* c */ }})go", R"go(template: :1: comment ends before closing delimiter)go", true},
    {R"go({{/* c)go", R"go(template: :1: unclosed comment)go", true},
    {R"go({{.Str)go", R"go(template: :1: unclosed action)go", true},
    {R"go({{.Str})go", R"go(template: :1: bad character U+007D '}')go", true},
    {R"go({{)go", R"go(template: :1: unclosed action)go", true},
    {R"go({{}})go", R"go(template: :1: missing value for command)go", true},
    {R"go({{if}}{{end}})go", R"go(template: :1: missing value for if)go", true},
    {R"go({{end}})go", R"go(template: :1: unexpected {{end}})go", true},
    {R"go({{else}})go", R"go(template: :1: unexpected {{else}})go", true},
    {R"go({{if .Yes}})go", R"go(template: :1: unexpected EOF)go", true},
    {R"go({{foo}})go", R"go(template: :1: function "foo" not defined)go", true},
    {R"go({{.Str | foo}})go", R"go(template: :1: function "foo" not defined)go", true},
    {R"go({{$x}})go", R"go(template: :1: undefined variable "$x")go", true},
    {R"go({{if .Yes}}{{$x := 1}}{{end}}{{$x}})go", R"go(template: :1: undefined variable "$x")go",
     true},
    {R"go({{break}})go", R"go(template: :1: {{break}} outside {{range}})go", true},
    {R"go({{"a".x}})go", R"go(template: :1: unexpected . after term "\"a\"")go", true},
    {R"go({{99999999999999999999}})go",
     R"go(template: :1: integer overflow: "99999999999999999999")go", true},
    {R"go({{$x.Foo}})go", R"go(template: :1: undefined variable "$x")go", true},
    {R"go({{range .List}}{{else}}{{else}}{{end}})go",
     R"go(template: :1: expected end; found {{else}})go", true},
    {R"go({{.Str | 1}})go", R"go(template: :1: non executable command in pipeline stage 2)go",
     true},
    {R"go({{(.Str}})go", R"go(template: :1: unclosed left paren)go", true},
    {R"go({{.Str)}})go", R"go(template: :1: unexpected ")" in command)go", true},
    {R"go({{"abc}})go", R"go(template: :1: unterminated quoted string)go", true},
    {R"go({{`abc}})go", R"go(template: :1: unterminated raw quoted string)go", true},
    {R"go({{.Str ^}})go", R"go(template: :1: unexpected "^" in operand)go", true},
    {"{{if .Yes}}\n{{.Str}", R"go(template: :2: bad character U+007D '}')go", true},
    {"line1\n{{1 2 +}}", R"go(template: :2: illegal number syntax: "+")go", true},
    {R"go({{range $i, $v, $w := .List}}{{end}})go",
     R"go(template: :1: too many declarations in range)go", true},
    {R"go({{$x, $y := 1}})go", R"go(template: :1: too many declarations in command)go", true},
};

const GoCase k_ExecutionErrorsCarryGoPositionAndContext[] = {
    {R"go({{.Foo}})go",
     R"go(template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type main.Data)go",
     true},
    {R"go({{.Inner.Foo}})go",
     R"go(template: :1:8: executing "" at <.Inner.Foo>: can't evaluate field Foo in type main.Inner)go",
     true},
    {R"go({{.NilPtr.Name}})go",
     R"go(template: :1:9: executing "" at <.NilPtr.Name>: nil pointer evaluating *main.Inner.Name)go",
     true},
    {R"go({{.NilPtr.Zip}})go",
     R"go(template: :1:9: executing "" at <.NilPtr.Zip>: can't evaluate field Zip in type *main.Inner)go",
     true},
    {R"go({{.Ptr.Foo}})go",
     R"go(template: :1:6: executing "" at <.Ptr.Foo>: can't evaluate field Foo in type *main.Inner)go",
     true},
    {R"go({{.Str.Foo}})go",
     R"go(template: :1:6: executing "" at <.Str.Foo>: can't evaluate field Foo in type string)go",
     true},
    {R"go({{.List.x}})go",
     R"go(template: :1:7: executing "" at <.List.x>: can't evaluate field x in type []string)go",
     true},
    {R"go({{.Raw.null.x}})go",
     R"go(template: :1:6: executing "" at <.Raw.null.x>: nil pointer evaluating interface {}.x)go",
     true},
    {"line1\n{{.Foo}}",
     R"go(template: :2:2: executing "" at <.Foo>: can't evaluate field Foo in type main.Data)go",
     true},
    {"{{.Str}}\n  {{.Inner.Zap}}",
     R"go(template: :2:10: executing "" at <.Inner.Zap>: can't evaluate field Zap in type main.Inner)go",
     true},
    {"{{if .Yes}}\n{{.Bad}}{{end}}",
     R"go(template: :2:2: executing "" at <.Bad>: can't evaluate field Bad in type main.Data)go",
     true},
    {R"go({{nil}})go", R"go(template: :1:2: executing "" at <nil>: nil is not a command)go", true},
    {R"go({{.Str 1}})go",
     R"go(template: :1:2: executing "" at <.Str>: Str has arguments but cannot be invoked as function)go",
     true},
    {R"go({{1 | .Str}})go",
     R"go(template: :1:6: executing "" at <.Str>: Str has arguments but cannot be invoked as function)go",
     true},
    {R"go({{"x" | .Str}})go",
     R"go(template: :1:8: executing "" at <.Str>: Str has arguments but cannot be invoked as function)go",
     true},
    {R"go({{1 2}})go",
     R"go(template: :1:2: executing "" at <1>: can't give argument to non-function 1)go", true},
    {R"go({{(1).x}})go",
     R"go(template: :1:3: executing "" at <1>: can't evaluate field x in type int)go", true},
    {R"go({{(index .Nested 0).x}})go",
     R"go(template: :1:17: executing "" at <0>: can't evaluate field x in type []string)go", true},
    {R"go({{.Map.x.y}})go", R"go(<no value>)go"},
    {R"go({{.Raw.missing.x}})go", R"go(<no value>)go"},
    {R"go({{.Set.x}})go", R"go(<no value>)go"},
};

TEST(TemplateSyntax, ParsesActionsTrimMarkersAndComments) {
  expect_go_results(k_ParsesActionsTrimMarkersAndComments, go_fixture());
}

TEST(TemplateSyntax, ParseErrorsMatchGo) {
  expect_go_results(k_ParseErrorsMatchGo, go_fixture());
}

TEST(TemplateSyntax, ExecutionErrorsCarryGoPositionAndContext) {
  expect_go_results(k_ExecutionErrorsCarryGoPositionAndContext, go_fixture());
}

TEST(TemplateSyntax, ErrorsAreTypedWithTheActionsLineAndColumn) {
  auto parse_error = Template::parse("ok\n{{.A}} {{foo}}");
  ASSERT_FALSE(parse_error.ok());
  EXPECT_EQ(parse_error.error().code, base::ErrorCode::parse);
  EXPECT_EQ(parse_error.error().message, "function \"foo\" not defined");
  ASSERT_TRUE(parse_error.error().range.has_value());
  EXPECT_EQ(parse_error.error().range->start, (base::SourcePosition{2, 10}));

  auto parsed = Template::parse("ok\n  {{.Inner.Zap}}");
  ASSERT_TRUE(parsed.ok());
  auto run = parsed->execute(go_fixture());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().code, base::ErrorCode::invalid_argument);
  EXPECT_EQ(run.error().message,
            "executing \"\" at <.Inner.Zap>: can't evaluate field Zap in type main.Inner");
  EXPECT_EQ(run.error().range->start, (base::SourcePosition{2, 11}));  // Go says 2:10, 0-based
  EXPECT_EQ(run.error().to_string(),
            ":2:11: executing \"\" at <.Inner.Zap>: can't evaluate field Zap in type main.Inner");
  EXPECT_EQ(go_error_text(run.error()),
            "template: :2:10: executing \"\" at <.Inner.Zap>: can't evaluate field Zap in type "
            "main.Inner");
}

TEST(TemplateSyntax, NamedTemplatesReportTheirName) {
  auto parsed = Template::parse("{{.Nope}}", "fmt");
  ASSERT_TRUE(parsed.ok());
  auto run = parsed->execute(go_fixture());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(go_error_text(run.error(), "fmt"),
            "template: fmt:1:2: executing \"fmt\" at <.Nope>: can't evaluate field Nope in type "
            "main.Data");
}

TEST(TemplateSyntax, DefineTemplateAndBlockAreNotSupported) {
  for (const char* text :
       {"{{define \"x\"}}{{end}}", "{{template \"x\"}}", "{{block \"x\" .}}{{end}}"}) {
    auto parsed = Template::parse(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, base::ErrorCode::parse);
  }
}

TEST(TemplateSyntax, HostileNestingIsAnErrorNotACrash) {
  std::string deep = "{{" + std::string(5000, '(') + "1" + std::string(5000, ')') + "}}";
  auto parsed = Template::parse(deep);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message, "template nesting too deep");
  std::string ifs;
  for (int i = 0; i < 5000; ++i) ifs += "{{if 1}}";
  EXPECT_FALSE(Template::parse(ifs).ok());
}

}  // namespace
}  // namespace strata::image
