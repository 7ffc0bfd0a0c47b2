#include "engine/base/unicode.h"

#include <gtest/gtest.h>

namespace strata::base {
namespace {

TEST(Unicode, DecodesMultiByteRunes) {
  std::string text = "\xEC\x95\x88!";  // U+C548 then '!'
  Rune rune = decode_rune(text, 0);
  EXPECT_TRUE(rune.valid);
  EXPECT_EQ(rune.value, U'\xC548');
  EXPECT_EQ(rune.width, 3u);
  EXPECT_EQ(decode_rune(text, 3).value, U'!');
}

TEST(Unicode, InvalidBytesPassThroughUnchanged) {
  std::string text = "\xFF\xC3";
  Rune first = decode_rune(text, 0);
  EXPECT_FALSE(first.valid);
  std::string out;
  append_rune(out, first);
  append_rune(out, decode_rune(text, 1));
  EXPECT_EQ(out, text);
}

TEST(Unicode, RejectsOverlongAndSurrogates) {
  EXPECT_FALSE(decode_rune("\xC0\xAF", 0).valid);
  EXPECT_FALSE(decode_rune("\xED\xA0\x80", 0).valid);
}

TEST(Unicode, ClassifiesLikeGo) {
  EXPECT_TRUE(is_space(U'\v'));
  EXPECT_TRUE(is_space(0xA0));
  EXPECT_TRUE(is_space(0x3000));
  EXPECT_FALSE(is_space(U'x'));
  EXPECT_TRUE(is_letter(U'_' + 2));  // 'a'
  EXPECT_TRUE(is_letter(0xD55C));    // Hangul
  EXPECT_FALSE(is_letter(U'_'));
  EXPECT_FALSE(is_letter(0x2014));  // em dash
  EXPECT_TRUE(is_digit(U'7'));
  EXPECT_TRUE(is_digit(0x0663));
  EXPECT_FALSE(is_digit(U'a'));
}

TEST(Unicode, TrimsGoWhiteSpace) {
  EXPECT_EQ(trim_space("\xC2\xA0 a b\t\v"), "a b");
  EXPECT_EQ(trim_left_space("  a "), "a ");
  EXPECT_EQ(trim_space("\xFF "), "\xFF");
  EXPECT_EQ(trim_space(" \t"), "");
}

}  // namespace
}  // namespace strata::base
