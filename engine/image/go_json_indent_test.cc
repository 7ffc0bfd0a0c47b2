#include "engine/image/go_json_indent.h"

#include <gtest/gtest.h>

namespace strata::image {
namespace {

TEST(GoJsonIndent, IndentsLikeGoJsonIndent) {
  EXPECT_EQ(go_json_indent(R"([{"Id":"x","Tags":[],"Map":{},"L":[1,{"a":"b,:{"}],"N":null}])"),
            "[\n"
            "    {\n"
            "        \"Id\": \"x\",\n"
            "        \"Tags\": [],\n"
            "        \"Map\": {},\n"
            "        \"L\": [\n"
            "            1,\n"
            "            {\n"
            "                \"a\": \"b,:{\"\n"
            "            }\n"
            "        ],\n"
            "        \"N\": null\n"
            "    }\n"
            "]");
}

TEST(GoJsonIndent, KeepsEscapedQuotesInsideStrings) {
  EXPECT_EQ(go_json_indent(R"({"a":"say \"hi\", [x]"})"),
            "{\n    \"a\": \"say \\\"hi\\\", [x]\"\n}");
}

}  // namespace
}  // namespace strata::image
