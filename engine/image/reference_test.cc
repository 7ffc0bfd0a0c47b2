#include "engine/image/reference.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::image {
namespace {

std::string rep(char c, size_t n) {
  return std::string(n, c);
}

struct Parsed {
  std::string input, domain, path, tag, digest;
};
struct Invalid {
  std::string input, message;
};

// Expectations recorded from distribution/reference v0.6's ParseNormalizedNamed (its regexps
// and normalization, run by Go's regexp engine; see the report for the oracle).
TEST(Reference, NormalizesAsDockerDoes) {
  const std::vector<Parsed> cases = {
      {"hello-app:1.0", "docker.io", "library/hello-app", "1.0", ""},
      {"hello-app", "docker.io", "library/hello-app", "", ""},
      {"ubuntu", "docker.io", "library/ubuntu", "", ""},
      {"ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", ""},
      {"library/ubuntu", "docker.io", "library/ubuntu", "", ""},
      {"docker.io/ubuntu", "docker.io", "library/ubuntu", "", ""},
      {"docker.io/library/ubuntu:latest", "docker.io", "library/ubuntu", "latest", ""},
      {"index.docker.io/ubuntu", "docker.io", "library/ubuntu", "", ""},
      {"index.docker.io/library/ubuntu", "docker.io", "library/ubuntu", "", ""},
      {"myuser/myapp:v2", "docker.io", "myuser/myapp", "v2", ""},
      {"docker.io/myuser/myapp", "docker.io", "myuser/myapp", "", ""},
      {"localhost/app", "localhost", "app", "", ""},
      {"localhost:5000/app:1", "localhost:5000", "app", "1", ""},
      {"localhost:5000/team/app@sha256:" + rep('a', 64), "localhost:5000", "team/app", "",
       "sha256:" + rep('a', 64)},
      {"registry.example.com/a/b/c:tag", "registry.example.com", "a/b/c", "tag", ""},
      {"example.com:8443/x", "example.com:8443", "x", "", ""},
      {"127.0.0.1:5000/app", "127.0.0.1:5000", "app", "", ""},
      {"[::1]:5000/app", "[::1]:5000", "app", "", ""},
      {"[2001:db8::1]/app:v1", "[2001:db8::1]", "app", "v1", ""},
      {"host:5000", "docker.io", "library/host", "5000", ""},
      {"Foo/bar", "Foo", "bar", "", ""},
      {"FOO.example.com/bar", "FOO.example.com", "bar", "", ""},
      {rep('a', 64) + ":tag", "docker.io", "library/" + rep('a', 64), "tag", ""},
      {"app@sha256:" + rep('a', 64), "docker.io", "library/app", "", "sha256:" + rep('a', 64)},
      {"app:1.0@sha256:" + rep('a', 64), "docker.io", "library/app", "1.0",
       "sha256:" + rep('a', 64)},
      {"app@sha512:" + rep('b', 128), "docker.io", "library/app", "", "sha512:" + rep('b', 128)},
      {"app@sha384:" + rep('c', 96), "docker.io", "library/app", "", "sha384:" + rep('c', 96)},
      {"app:" + rep('t', 128), "docker.io", "library/app", rep('t', 128), ""},
      {"a__b", "docker.io", "library/a__b", "", ""},
      {"a--b", "docker.io", "library/a--b", "", ""},
      {"a-b_c.d", "docker.io", "library/a-b_c.d", "", ""},
      {"app:Tag_1.x-y", "docker.io", "library/app", "Tag_1.x-y", ""},
      {"x/" + rep('a', 253), "docker.io", "x/" + rep('a', 253), "", ""},
      {"exa_mple.com/foo", "", "exa_mple.com/foo", "", ""},
      {"foo_bar/baz", "docker.io", "foo_bar/baz", "", ""},
      {"foo.bar/baz", "foo.bar", "baz", "", ""},
      {"localhost", "docker.io", "library/localhost", "", ""},
      {"localhost:5000", "docker.io", "library/localhost", "5000", ""},
      {"ex-ample.com/a", "ex-ample.com", "a", "", ""},
      {"[::1]/a", "[::1]", "a", "", ""},
      {"a:b@sha256:" + rep('a', 64), "docker.io", "library/a", "b", "sha256:" + rep('a', 64)},
      {"sha256:" + rep('a', 64), "docker.io", "library/sha256", rep('a', 64), ""},
  };
  for (const Parsed& c : cases) {
    auto reference = parse_reference(c.input);
    ASSERT_TRUE(reference.ok()) << c.input << ": " << reference.error().to_string();
    EXPECT_EQ(*reference, (Reference{c.domain, c.path, c.tag, c.digest})) << c.input;
  }
}

TEST(Reference, RejectsInvalidNamesWithDockersMessages) {
  const std::vector<Invalid> cases = {
      {"Foo", "invalid reference format: repository name (library/Foo) must be lowercase"},
      {"foo/Bar", "invalid reference format: repository name (foo/Bar) must be lowercase"},
      {rep('a', 64), "invalid repository name (" + rep('a', 64) +
                         "), cannot specify 64-byte hexadecimal strings"},
      {"app@sha256:abc", "invalid reference format"},
      {"app@sha256:" + rep('A', 64), "invalid checksum digest format"},
      {"app@md5:" + rep('d', 32), "unsupported digest algorithm"},
      {"app@sha256:" + rep('e', 63), "invalid checksum digest length"},
      {"", "invalid reference format"},
      {":tag", "invalid reference format"},
      {"app:", "invalid reference format"},
      {"app:-bad", "invalid reference format"},
      {"app:" + rep('t', 129), "invalid reference format"},
      {"a..b", "invalid reference format"},
      {"a___b", "invalid reference format"},
      {"a.-b", "invalid reference format"},
      {"-app", "invalid reference format"},
      {"app-", "invalid reference format"},
      {"_app", "invalid reference format"},
      {"app/", "invalid reference format"},
      {"/app", "invalid reference format"},
      {"a//b", "invalid reference format"},
      {"a/b/", "invalid reference format"},
      {"UPPER:tag", "invalid reference format: repository name (library/UPPER) must be lowercase"},
      {rep('a', 255), "repository name must not be more than 255 characters"},
      {rep('a', 256), "repository name must not be more than 255 characters"},
      {"x/" + rep('a', 254), "repository name must not be more than 255 characters"},
      {"example.com/" + rep('a', 256), "repository name must not be more than 255 characters"},
      {"foo:bar/baz", "invalid reference format"},
      {"foo:bar/baz:qux", "invalid reference format"},
      {"a:b:c", "invalid reference format"},
      {"app@sha256:" + rep('a', 64) + "@x", "invalid reference format"},
      {"app tag", "invalid reference format"},
      {"app\ttab", "invalid reference format"},
      {"docker.io/library/", "invalid reference format"},
      {"-ex.com/a", "invalid reference format"},
      {"ex.com-/a", "invalid reference format"},
      {"ex..com/a", "invalid reference format"},
      {"[]/a", "invalid reference format"},
      {"[zz]/a", "invalid reference format"},
      {"[::1]:/a", "invalid reference format"},
      {"café", "invalid reference format"},
      {"docker.io/Library/x",
       "invalid reference format: repository name (Library/x) must be lowercase"},
  };
  for (const Invalid& c : cases) {
    auto reference = parse_reference(c.input);
    ASSERT_FALSE(reference.ok()) << c.input;
    EXPECT_EQ(reference.error().code, base::ErrorCode::invalid_argument);
    EXPECT_EQ(reference.error().message, c.message) << c.input;
  }
}

TEST(Reference, DefaultTagIsLatestUnlessTaggedOrDigested) {
  EXPECT_EQ(parse_image_name("hello-app").value().to_string(),
            "docker.io/library/hello-app:latest");
  EXPECT_EQ(parse_image_name("hello-app:1.0").value().to_string(),
            "docker.io/library/hello-app:1.0");
  std::string digest = "sha256:" + rep('a', 64);
  EXPECT_EQ(parse_image_name("hello-app@" + digest).value().to_string(),
            "docker.io/library/hello-app@" + digest);
  EXPECT_FALSE(parse_image_name("Hello").ok());
}

TEST(Reference, FamiliarNameIsWhatDockerDisplays) {
  auto familiar = [](std::string_view text) {
    return parse_image_name(text).value().familiar_name();
  };
  EXPECT_EQ(familiar("hello-app:1.0"), "hello-app:1.0");
  EXPECT_EQ(familiar("docker.io/library/hello-app:1.0"), "hello-app:1.0");
  EXPECT_EQ(familiar("index.docker.io/library/ubuntu"), "ubuntu:latest");
  EXPECT_EQ(familiar("myuser/myapp"), "myuser/myapp:latest");
  EXPECT_EQ(familiar("docker.io/library/a/b"), "library/a/b:latest");
  EXPECT_EQ(familiar("localhost:5000/app:2"), "localhost:5000/app:2");
  std::string digest = "sha256:" + rep('b', 64);
  EXPECT_EQ(familiar("app:1@" + digest), "app:1@" + digest);

  Reference reference = parse_image_name("registry.example.com/team/app:v1").value();
  EXPECT_EQ(reference.name(), "registry.example.com/team/app");
  EXPECT_EQ(reference.familiar_repository(), "registry.example.com/team/app");
  EXPECT_EQ(parse_image_name("hello-app:1.0").value().familiar_repository(), "hello-app");
}

}  // namespace
}  // namespace strata::image
