#include "engine/image/inspect.h"

#include <gtest/gtest.h>

#include "engine/image/go_json.h"

namespace strata::image {
namespace {

ImageRecord web_app() {
  ImageRecord record;
  record.config =
      parse_image_config(
          R"({"architecture":"amd64","config":{"ExposedPorts":{"8080/tcp":{}},"Env":["A=1"],)"
          R"("Cmd":["python","app.py"],"WorkingDir":"/app","Labels":{"version":"1.0"},)"
          R"("ArgsEscaped":true},"created":"2024-05-01T10:00:00.500000000Z","history":[)"
          R"({"created_by":"COPY . /app","comment":"buildkit.dockerfile.v0"}],"os":"linux",)"
          R"("rootfs":{"type":"layers","diff_ids":[")" +
          std::string("sha256:") + std::string(64, '1') + R"("]}})")
          .value();
  record.id = base::Digest::of("config");
  record.repo_tags = {"web:1.0", "web:latest"};
  record.size = 4096;
  record.last_tag_time = "2024-05-01T10:00:01.250Z";
  return record;
}

const std::string k_id = base::Digest::of("config").to_string();
const std::string k_layer = "sha256:" + std::string(64, '1');

TEST(Inspect, DockerShapeWithContainerConfigFields) {
  EXPECT_EQ(
      go_json(inspect_json(web_app())),
      R"({"Id":")" + k_id +
          R"(","RepoTags":["web:1.0","web:latest"],"RepoDigests":[],)"
          R"("Parent":"","Comment":"buildkit.dockerfile.v0","Created":"2024-05-01T10:00:00.5Z",)"
          R"("DockerVersion":"","Author":"","Config":{"Hostname":"","Domainname":"","User":"",)"
          R"("AttachStdin":false,"AttachStdout":false,"AttachStderr":false,)"
          R"("ExposedPorts":{"8080/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,)"
          R"("Env":["A=1"],"Cmd":["python","app.py"],"ArgsEscaped":true,"Image":"","Volumes":null,)"
          R"("WorkingDir":"/app","Entrypoint":null,"OnBuild":null,"Labels":{"version":"1.0"}},)"
          R"("Architecture":"amd64","Os":"linux","Size":4096,)"
          R"("GraphDriver":{"Data":null,"Name":"overlayfs"},"RootFS":{"Type":"layers","Layers":[")" +
          k_layer + R"("]},"Metadata":{"LastTagTime":"2024-05-01T10:00:01.25Z"}})");
}

TEST(Inspect, Docker282ShapeSortsConfigAndWritesItLast) {
  EXPECT_EQ(
      go_json(inspect_json(web_app(), InspectShape::oci_config)),
      R"({"Id":")" + k_id +
          R"(","RepoTags":["web:1.0","web:latest"],"RepoDigests":[],)"
          R"("Parent":"","Comment":"buildkit.dockerfile.v0","Created":"2024-05-01T10:00:00.5Z",)"
          R"("DockerVersion":"","Author":"","Architecture":"amd64","Os":"linux","Size":4096,)"
          R"("GraphDriver":{"Data":null,"Name":"overlayfs"},"RootFS":{"Type":"layers","Layers":[")" +
          k_layer +
          R"("]},"Metadata":{"LastTagTime":"2024-05-01T10:00:01.25Z"},)"
          R"("Config":{"ArgsEscaped":true,"Cmd":["python","app.py"],"Entrypoint":null,)"
          R"("Env":["A=1"],"ExposedPorts":{"8080/tcp":{}},"Labels":{"version":"1.0"},)"
          R"("OnBuild":null,"User":"","Volumes":null,"WorkingDir":"/app"}})");
}

TEST(Inspect, EmptyAndUnsetDifferAsInDocker) {
  ImageRecord record;
  record.config = parse_image_config(
                      R"({"architecture":"arm64","variant":"v8","os":"linux","author":"me",)"
                      R"("comment":"imported","docker_version":"27.1.0","config":{"Labels":{},)"
                      R"("OnBuild":[],"ExposedPorts":{},"Shell":[]},"history":[{"comment":"h"}],)"
                      R"("rootfs":{"type":"layers","diff_ids":[]}})")
                      .value();
  nlohmann::ordered_json inspect = inspect_json(record);
  EXPECT_EQ(inspect["RepoTags"], nlohmann::ordered_json::array());
  EXPECT_FALSE(inspect.contains("Created"));  // omitted when the config has none
  EXPECT_EQ(inspect["Comment"], "imported");  // the config's own comment wins over history's
  EXPECT_EQ(inspect["DockerVersion"], "27.1.0");
  EXPECT_EQ(inspect["Author"], "me");
  EXPECT_EQ(inspect["Variant"], "v8");
  EXPECT_EQ(inspect["RootFS"], (nlohmann::ordered_json{{"Type", "layers"}}));
  EXPECT_EQ(inspect["Metadata"]["LastTagTime"], "0001-01-01T00:00:00Z");
  const auto& config = inspect["Config"];
  EXPECT_EQ(config["Labels"], nlohmann::ordered_json::object());  // {} stays {}
  EXPECT_EQ(config["OnBuild"], nlohmann::ordered_json::array());
  EXPECT_EQ(config["Env"], nullptr);              // unset is null
  EXPECT_FALSE(config.contains("ExposedPorts"));  // omitempty in docker's type
  EXPECT_FALSE(config.contains("Shell"));
  EXPECT_FALSE(config.contains("Healthcheck"));

  record.config.extra.erase("comment");
  EXPECT_EQ(inspect_json(record)["Comment"], "h");  // else the last history entry's
}

}  // namespace
}  // namespace strata::image
