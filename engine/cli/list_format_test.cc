#include "engine/cli/list_format.h"

#include <gtest/gtest.h>

namespace strata::cli {
namespace {

const ListKind k_kind = {"*formatter.imageContext",
                         {{"ID", "IMAGE ID"}, {"Repository", "REPOSITORY"}, {"Tag", "TAG"}}};
const std::vector<ListRow> k_rows = {
    {{"Repository", "hello-app"}, {"Tag", "1.0"}, {"ID", "0123456789ab"}},
    {{"Repository", "<none>"}, {"Tag", "<none>"}, {"ID", "ba9876543210"}},
};

TEST(ListFormat, TableAddsAHeaderAndAlignsColumns) {
  auto out = render_list("table {{.Repository}}\\t{{.ID}}", k_kind, k_rows);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            "REPOSITORY   IMAGE ID\n"
            "hello-app    0123456789ab\n"
            "<none>       ba9876543210\n");
}

TEST(ListFormat, PlainTemplatesPrintOneLinePerRow) {
  auto out = render_list("{{.Repository}}:{{.Tag}}", k_kind, k_rows);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "hello-app:1.0\n<none>:<none>\n");
}

TEST(ListFormat, JsonOfARowIsDockersMarshalJson) {
  // Keys sorted, and < > escaped as json.Marshal does; a single field is not escaped.
  auto out = render_list("{{json .}} {{json .Tag}}", k_kind, {k_rows[1]});
  ASSERT_TRUE(out);
  EXPECT_EQ(
      *out,
      R"({"ID":"ba9876543210","Repository":"\u003cnone\u003e","Tag":"\u003cnone\u003e"} "<none>")"
      "\n");
  EXPECT_EQ(*render_list("json", k_kind, {k_rows[0]}),
            R"({"ID":"0123456789ab","Repository":"hello-app","Tag":"1.0"})"
            "\n");
}

TEST(ListFormat, TemplateErrorsReadAsDockers) {
  auto bad = render_list("{{.Repository", k_kind, k_rows);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "template parsing error: template: :1: unclosed action");
  auto missing = render_list("{{.Nope}}", k_kind, k_rows);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate "
            "field Nope in type *formatter.imageContext");
}

}  // namespace
}  // namespace strata::cli
