#include "engine/image/image_config.h"

#include <gtest/gtest.h>

namespace strata::image {
namespace {

// A config as BuildKit writes it: top-level members sorted, nested ones in Go struct order,
// '&' escaped as \u0026.
constexpr std::string_view k_buildkit_config =
    R"({"architecture":"amd64","config":{"User":"app","ExposedPorts":{"8080/tcp":{}},)"
    R"("Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","PORT=8080"],)"
    R"("Entrypoint":["python"],"Cmd":["app.py"],"Volumes":{"/data":{}},"WorkingDir":"/app",)"
    R"("Labels":{"maintainer":"me","version":"1.0"},"StopSignal":"SIGTERM","ArgsEscaped":true,)"
    R"("Healthcheck":{"Test":["CMD-SHELL","curl -f localhost:8080"],"Interval":30000000000,)"
    R"("Retries":3},"OnBuild":["RUN echo child"],"Shell":["/bin/bash","-c"]},)"
    R"("created":"2024-05-01T10:00:00.123456789Z","history":[{"created":"2024-04-01T00:00:00Z",)"
    R"("created_by":"/bin/sh -c #(nop) ADD file:abc in / "},{"created":"2024-05-01T10:00:00Z",)"
    R"("created_by":"RUN /bin/sh -c apt-get update \u0026\u0026 apt-get install -y curl # buildkit",)"
    R"("comment":"buildkit.dockerfile.v0"},{"created":"2024-05-01T10:00:00Z",)"
    R"("created_by":"LABEL version=1.0","comment":"buildkit.dockerfile.v0","empty_layer":true}],)"
    R"("os":"linux","rootfs":{"type":"layers","diff_ids":[)"
    R"("sha256:1111111111111111111111111111111111111111111111111111111111111111",)"
    R"("sha256:2222222222222222222222222222222222222222222222222222222222222222"]}})";

TEST(ImageConfig, CanonicalConfigRoundTripsByteForByte) {
  auto config = parse_image_config(k_buildkit_config);
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_EQ(to_canonical_json(*config), k_buildkit_config);
  EXPECT_EQ(image_id(*config), base::Digest::of(k_buildkit_config));
}

TEST(ImageConfig, ParsesEveryField) {
  ImageConfig config = parse_image_config(k_buildkit_config).value();
  EXPECT_EQ(config.architecture, "amd64");
  EXPECT_EQ(config.os, "linux");
  EXPECT_EQ(config.created, "2024-05-01T10:00:00.123456789Z");
  EXPECT_EQ(config.config.user, "app");
  EXPECT_EQ(config.config.exposed_ports, (std::set<std::string>{"8080/tcp"}));
  EXPECT_EQ(config.config.entrypoint, (std::vector<std::string>{"python"}));
  EXPECT_EQ(config.config.cmd, (std::vector<std::string>{"app.py"}));
  EXPECT_EQ(config.config.labels->at("version"), "1.0");
  EXPECT_TRUE(config.config.args_escaped);
  ASSERT_TRUE(config.config.healthcheck.has_value());
  EXPECT_EQ(config.config.healthcheck->interval, 30'000'000'000);
  EXPECT_EQ(config.config.healthcheck->retries, 3);
  EXPECT_EQ(config.config.on_build, (std::vector<std::string>{"RUN echo child"}));
  EXPECT_EQ(config.config.shell, (std::vector<std::string>{"/bin/bash", "-c"}));
  ASSERT_EQ(config.history.size(), 3u);
  EXPECT_EQ(config.history[1].created_by,
            "RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit");
  EXPECT_TRUE(config.history[2].empty_layer);
  ASSERT_EQ(config.rootfs.diff_ids.size(), 2u);
  EXPECT_EQ(config.rootfs.diff_ids[1].hex(), std::string(64, '2'));
}

TEST(ImageConfig, NormalizesOrderSpacingAndNullsToTheCanonicalForm) {
  auto config = parse_image_config(R"({
    "os": "linux", "architecture": "arm64", "variant": "v8",
    "rootfs": {"diff_ids": [], "type": "layers"},
    "config": {"Cmd": "echo hi", "OnBuild": null, "Env": [], "Labels": {}, "User": ""},
    "history": [{"empty_layer": false, "created_by": "CMD [\"echo\"]"}]
  })");
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  // A bare-string Cmd (docker's strslice) becomes a list; null reads as unset; [] and {} stay.
  EXPECT_EQ(to_canonical_json(*config),
            R"({"architecture":"arm64","config":{"Env":[],"Cmd":["echo hi"],"Labels":{}},)"
            R"("history":[{"created_by":"CMD [\"echo\"]"}],"os":"linux",)"
            R"("rootfs":{"type":"layers","diff_ids":[]},"variant":"v8"})");
  EXPECT_FALSE(config->config.on_build.has_value());
  EXPECT_TRUE(config->config.env.has_value());
}

TEST(ImageConfig, KeepsUnknownMembersAtEveryLevel) {
  constexpr std::string_view k_text =
      R"({"architecture":"amd64","comment":"imported","config":{"Hostname":"x","Zeta":1},)"
      R"("docker_version":"27.0.1","os":"linux","rootfs":{"type":"layers","diff_ids":[],)"
      R"("extra":true},"zz":{"b":1,"a":[2]}})";
  auto config = parse_image_config(k_text);
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_EQ(config->extra.at("docker_version"), "27.0.1");
  EXPECT_EQ(config->config.extra.at("Hostname"), "x");
  // Unknown top-level members sort in among the known ones; nested ones follow the known.
  EXPECT_EQ(to_canonical_json(*config),
            R"({"architecture":"amd64","comment":"imported","config":{"Hostname":"x","Zeta":1},)"
            R"("docker_version":"27.0.1","os":"linux","rootfs":{"type":"layers","diff_ids":[],)"
            R"("extra":true},"zz":{"a":[2],"b":1}})");
}

TEST(ImageConfig, ValuesRoundTrip) {
  ImageConfig config;
  config.architecture = "amd64";
  config.os = "linux";
  config.created = "2024-01-02T03:04:05Z";
  config.config.env = std::vector<std::string>{"A=1"};
  config.config.labels = std::map<std::string, std::string>{{"k", "v<&>"}};
  config.config.healthcheck = HealthConfig{{"NONE"}, 0, 0, 0, 0, 0, nlohmann::json::object()};
  config.rootfs.diff_ids = {base::Digest::of("layer")};
  config.history.push_back(
      {"2024-01-02T03:04:05Z", "ENV A=1", "", "", true, nlohmann::json::object()});
  auto parsed = parse_image_config(to_canonical_json(config));
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  EXPECT_EQ(*parsed, config);
  EXPECT_EQ(to_canonical_json(*parsed), to_canonical_json(config));
}

TEST(ImageConfig, ErrorsNameTheField) {
  struct Case {
    std::string_view text, message;
  };
  const Case cases[] = {
      {R"({"config":{"Env":["A=1",2]}})",
       R"(image config: field "config.Env[1]": expected string, got number)"},
      {R"({"history":[{"empty_layer":"yes"}]})",
       R"(image config: field "history[0].empty_layer": expected bool, got string)"},
      {R"({"rootfs":{"diff_ids":["sha256:abc"]}})",
       R"(image config: field "rootfs.diff_ids[0]": invalid digest "sha256:abc")"},
      {R"({"config":{"Healthcheck":{"Interval":"30s"}}})",
       R"(image config: field "config.Healthcheck.Interval": expected integer, got string)"},
      {R"({"config":{"Labels":{"a":1}}})",
       R"(image config: field "config.Labels.a": expected string, got number)"},
      {R"({"config":[]})", R"(image config: field "config": expected object, got array)"},
      {R"({"architecture":1})",
       R"(image config: field "architecture": expected string, got number)"},
      {R"([1])", R"(image config: document: expected object, got array)"},
      {R"({"os":)", R"(image config: invalid JSON at byte 7)"},
  };
  for (const Case& c : cases) {
    auto config = parse_image_config(c.text);
    ASSERT_FALSE(config.ok()) << c.text;
    EXPECT_EQ(config.error().code, base::ErrorCode::parse);
    EXPECT_EQ(config.error().message, c.message) << c.text;
  }
}

}  // namespace
}  // namespace strata::image
