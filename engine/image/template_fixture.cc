#include "engine/image/template_fixture.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/image/inspect_template.h"

namespace strata::image::testing {
namespace {

TemplateField field(std::string name, TemplateValue value) {
  return {std::move(name), std::move(value), "", false, false};
}

TemplateValue strings(std::vector<std::string> values) {
  std::vector<TemplateValue> elements;
  for (auto& value : values) elements.push_back(TemplateValue::string(std::move(value)));
  return TemplateValue::slice("[]string", "string", std::move(elements));
}

TemplateValue inner(std::string name, int64_t count) {
  return TemplateValue::structure("main.Inner", {field("Name", TemplateValue::string(name)),
                                                 field("Count", TemplateValue::integer(count))});
}

TemplateValue duration(int64_t ns) {
  return TemplateValue::integer(ns, "time.Duration").with_string_method(go_duration_string(ns));
}

}  // namespace

// The Go side (/tmp oracle program, Go 1.19 text/template plus docker's functions):
//   type Inner struct { Name string; Count int }
//   type Health struct { Test []string; Interval time.Duration; Retries int }
//   type Data struct {
//     Str, Empty string; Int int; Neg int64; Float float64; Yes, No bool
//     List, NilList, EmptyList []string; Ints []int
//     Map, NilMap map[string]string; Set map[string]struct{}; Counts map[string]int
//     Ptr, NilPtr *Inner; Inner Inner; Dur time.Duration; Health *Health
//     NilAny interface{}; Raw map[string]interface{} (decoded with UseNumber)
//     Nested [][]string; Quote string
//   }
TemplateValue go_fixture() {
  TemplateValue empty_struct = TemplateValue::structure("struct {}", {});
  TemplateValue health =
      TemplateValue::structure("main.Health", {field("Test", strings({"CMD", "true"})),
                                               field("Interval", duration(1'500'000'000)),
                                               field("Retries", TemplateValue::integer(3))});
  nlohmann::json raw = nlohmann::json::parse(
      R"({"a":"x","n":1,"f":1.5,"null":null,"list":["p",null,2],"obj":{"k":"v"},"t":true,"empty":{}})");
  return TemplateValue::structure(
      "main.Data",
      {
          field("Str", TemplateValue::string("hello")),
          field("Empty", TemplateValue::string("")),
          field("Int", TemplateValue::integer(42)),
          field("Neg", TemplateValue::integer(-7, "int64")),
          field("Float", TemplateValue::floating(2.5)),
          field("Yes", TemplateValue::boolean(true)),
          field("No", TemplateValue::boolean(false)),
          field("List", strings({"a", "b", "c"})),
          field("NilList", TemplateValue::nil_slice("[]string", "string")),
          field("EmptyList", strings({})),
          field("Ints", TemplateValue::slice("[]int", "int",
                                             {TemplateValue::integer(3), TemplateValue::integer(1),
                                              TemplateValue::integer(2)})),
          field("Map", TemplateValue::map("map[string]string", "string", TemplateValue::string(""),
                                          {{"version", TemplateValue::string("1.0")},
                                           {"b", TemplateValue::string("2")},
                                           {"a", TemplateValue::string("1")}})),
          field("NilMap",
                TemplateValue::nil_map("map[string]string", "string", TemplateValue::string(""))),
          field("Set", TemplateValue::map("map[string]struct {}", "string", empty_struct,
                                          {{"8080/tcp", empty_struct}, {"443/tcp", empty_struct}})),
          field("Counts", TemplateValue::map("map[string]int", "string", TemplateValue::integer(0),
                                             {{"x", TemplateValue::integer(1)},
                                              {"y", TemplateValue::integer(2)}})),
          field("Ptr", TemplateValue::pointer_to(inner("p", 3))),
          field("NilPtr", TemplateValue::nil_pointer("*main.Inner", inner("", 0))),
          field("Inner", inner("in", 5)),
          field("Dur", duration(90'000'000'000)),
          field("Health", TemplateValue::pointer_to(health)),
          field("NilAny", TemplateValue::nil_interface()),
          field("Raw", template_value_from_json(raw)),
          field("Nested", TemplateValue::slice("[][]string", "[]string",
                                               {strings({"x", "y"}), strings({}),
                                                TemplateValue::nil_slice("[]string", "string")})),
          field("Quote", TemplateValue::string("a\"b\n<&>\t\xC3\xBC\x01")),
      });
}

void expect_go_results(std::span<const GoCase> cases, const TemplateValue& data,
                       ExecuteOptions options) {
  for (const GoCase& c : cases) {
    SCOPED_TRACE(std::string("template: ") + std::string(c.text));
    auto parsed = Template::parse(c.text);
    std::string actual;
    bool failed = false;
    if (!parsed) {
      actual = go_error_text(parsed.error());
      failed = true;
    } else if (auto out = parsed->execute(data, options); out) {
      actual = *out;
    } else {
      actual = go_error_text(out.error());
      failed = true;
    }
    EXPECT_EQ(failed, c.error) << actual;
    EXPECT_EQ(actual, c.expected);
  }
}

}  // namespace strata::image::testing
