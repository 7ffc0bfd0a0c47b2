#include "engine/image/go_json.h"

#include <gtest/gtest.h>

namespace strata::image {
namespace {

// Expectations recorded from Go's encoding/json (json.Marshal, and an Encoder with
// SetEscapeHTML(false) as docker's template `json` uses).
TEST(GoJson, EscapesStringsAsGoDoes) {
  std::string text = "a\"b\\c\n\r\t\x01\x1f<>&\u2028\u2029\u00e9\xff\U0001F600/";
  nlohmann::ordered_json value = text;  // with an invalid byte, which Go writes as \ufffd
  EXPECT_EQ(go_json(value),
            "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\\u003c\\u003e\\u0026\\u2028\\u2029\u00e9\\ufffd"
            "\U0001F600/\"");
  EXPECT_EQ(go_json(value, /*escape_html=*/false),
            "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f<>&\\u2028\\u2029\u00e9\\ufffd\U0001F600/\"");
}

// Go 1.22 started writing \b and \f in short form; docker 28 is built with Go 1.24.
TEST(GoJson, BackspaceAndFormFeedUseShortEscapesAsGo122Does) {
  EXPECT_EQ(go_json(nlohmann::ordered_json("\b\f")), R"("\b\f")");
}

TEST(GoJson, FormatsFloatsAsGoDoes) {
  nlohmann::ordered_json values = {0.0, 1.0, -2.5, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, 0.1};
  EXPECT_EQ(go_json(values),
            "[0,1,-2.5,100000000000000000000,1e+21,0.000001,1e-7,123456789.125,0.1]");
}

TEST(GoJson, KeepsMemberOrderAndWritesCompactly) {
  nlohmann::ordered_json value = nlohmann::ordered_json::object();
  value["b"] = {true, nullptr, 3};
  value["a"] = nlohmann::ordered_json::object();
  value["c"] = -4;
  value["d"] = uint64_t{18446744073709551615u};
  EXPECT_EQ(go_json(value), R"({"b":[true,null,3],"a":{},"c":-4,"d":18446744073709551615})");
}

}  // namespace
}  // namespace strata::image
