// The image commands end to end, through the built `strata` binary on a temporary store.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "engine/layer/layer_entry.h"
#include "engine/layer/tar_writer.h"

namespace strata::cli {
namespace {

struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ImageCommands : public ::testing::Test {
 protected:
  ImageCommands() {
    std::string pattern = "/tmp/strata-cli-XXXXXX";
    EXPECT_NE(::mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    // A rootfs like busybox's: a directory, a binary and a symlink to it.
    std::vector<layer::LayerEntry> entries = {
        layer::LayerEntry::directory("bin"),
        layer::LayerEntry::file("bin/busybox", "#!not really busybox\n", 0755),
        layer::LayerEntry::symlink("bin/sh", "busybox"),
    };
    layer::MemorySink sink;
    EXPECT_TRUE(layer::write_layer(entries, sink));
    std::ofstream(m_dir / "rootfs.tar", std::ios::binary)
        .write(reinterpret_cast<const char*>(sink.bytes().data()),
               static_cast<std::streamsize>(sink.bytes().size()));
  }
  ~ImageCommands() override { std::filesystem::remove_all(m_dir); }

  // Runs strata with `args` on the store `root` (under the test dir), feeding `input`.
  Outcome strata(const std::vector<std::string>& args, const std::string& root = "store",
                 const std::string& input = "") {
    std::ofstream(m_dir / "stdin", std::ios::binary) << input;
    pid_t pid = ::fork();
    if (pid == 0) {
      ::setenv("STRATA_ROOT", (m_dir / root).c_str(), 1);
      int in = ::open((m_dir / "stdin").c_str(), O_RDONLY);
      int out = ::open((m_dir / "stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open((m_dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::chdir(m_dir.c_str());
      std::vector<char*> argv = {const_cast<char*>(STRATA_BIN)};
      for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      ::execv(STRATA_BIN, argv.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(m_dir / "stdout"),
            slurp(m_dir / "stderr")};
  }

  // Imports the rootfs as `name` and returns the image ID.
  std::string import(const std::string& name, const std::vector<std::string>& changes = {}) {
    std::vector<std::string> args = {"import"};
    for (const std::string& change : changes) args.insert(args.end(), {"--change", change});
    args.insert(args.end(), {"rootfs.tar", name});
    Outcome run = strata(args);
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(run.out.size() == 72 && run.out.starts_with("sha256:") &&
                run.out.find_first_not_of("0123456789abcdef", 7) == 71)
        << run.out;
    return run.out.substr(0, run.out.size() - 1);
  }

  std::filesystem::path m_dir;
};

TEST_F(ImageCommands, ImportListInspectAndHistory) {
  std::string id = import("hello-app:1.0", {"CMD [\"sh\"]", "ENV PATH=/bin", "EXPOSE 8080"});
  Outcome images = strata({"images"});
  ASSERT_EQ(images.status, 0) << images.err;
  std::string row = images.out.substr(images.out.find('\n') + 1);
  EXPECT_TRUE(images.out.starts_with("REPOSITORY   TAG       IMAGE ID       CREATED  "));
  EXPECT_TRUE(row.starts_with("hello-app    1.0       " + id.substr(7, 12) + "   ")) << row;
  EXPECT_TRUE(row.find(" ago ") != std::string::npos && row.ends_with("kB\n")) << row;
  Outcome format = strata({"image", "ls", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"});
  EXPECT_EQ(format.out, "hello-app:1.0 " + id.substr(7, 12) + "\n");
  Outcome inspect = strata(
      {"image", "inspect", "-f", "{{.Config.Cmd}} {{.Config.ExposedPorts}}", "hello-app:1.0"});
  EXPECT_EQ(inspect.out, "[sh] map[8080/tcp:{}]\n");
  Outcome json = strata({"inspect", "hello-app:1.0"});
  EXPECT_TRUE(json.out.starts_with("[\n    {\n        \"Id\": \"" + id + "\",\n")) << json.out;
  Outcome history = strata({"history", "--no-trunc", "hello-app:1.0"});
  std::string entry = history.out.substr(history.out.find('\n') + 1);
  EXPECT_TRUE(history.out.starts_with("IMAGE  ")) << history.out;
  EXPECT_TRUE(entry.starts_with(id + "   ") && entry.find("kB ") != std::string::npos &&
              entry.ends_with("   Imported from -\n"))
      << history.out;
}

TEST_F(ImageCommands, MissingImagesAndBadTemplatesFailAsDockerDoes) {
  Outcome missing = strata({"inspect", "nothing"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.out, "[]\n");
  EXPECT_EQ(missing.err, "Error: No such object: nothing\n");
  Outcome image_missing = strata({"image", "inspect", "nothing"});
  EXPECT_EQ(image_missing.err, "Error: No such image: nothing\n");
  import("app");
  Outcome bad = strata({"image", "inspect", "-f", "{{.Config", "app"});
  EXPECT_EQ(bad.status, 64);
  EXPECT_EQ(bad.err, "template parsing error: template: :1: unclosed action\n");
}

TEST_F(ImageCommands, SaveAndLoadRoundTripIntoAnotherStore) {
  std::string id = import("app:1");
  Outcome save = strata({"save", "-o", "app.tar", "app:1"});
  ASSERT_EQ(save.status, 0) << save.err;
  Outcome load = strata({"load", "-i", "app.tar"}, "other");
  ASSERT_EQ(load.status, 0) << load.err;
  EXPECT_EQ(load.out, "Loaded image: app:1\n");
  EXPECT_EQ(strata({"images", "-q", "--no-trunc"}, "other").out, id + "\n");

  Outcome oci = strata({"save", "--format", "oci", "app:1"});  // to stdout: not a terminal here
  ASSERT_EQ(oci.status, 0) << oci.err;
  Outcome load_oci = strata({"load"}, "third", oci.out);
  EXPECT_EQ(load_oci.out, "Loaded image: app:1\n") << load_oci.err;
}

TEST_F(ImageCommands, TagRmiAndPrune) {
  std::string id = import("app:1");
  ASSERT_EQ(strata({"tag", "app:1", "app:2"}).status, 0);
  Outcome refused = strata({"rmi", id.substr(7, 12)});
  EXPECT_EQ(refused.status, 1);
  EXPECT_EQ(refused.err, "Error: conflict: unable to delete " + id.substr(7, 12) +
                             " (must be forced) - image is referenced in multiple repositories\n");
  EXPECT_EQ(strata({"rmi", "app:1"}).out, "Untagged: app:1\n");
  EXPECT_EQ(strata({"image", "rm", "app:2"}).out, "Untagged: app:2\nDeleted: " + id + "\n");
  Outcome ghost = strata({"rmi", "-f", "ghost"});
  EXPECT_EQ(ghost.status, 0);
  EXPECT_EQ(ghost.err, "Error: No such image: ghost:latest\n");

  std::string dangling = import("app:3");
  import("app:3");  // moves the tag; the first image (same content, other time) dangles
  Outcome prune = strata({"image", "prune", "-f"});
  EXPECT_EQ(prune.out, "Deleted Images:\ndeleted: " + dangling + "\n\nTotal reclaimed space: 0B\n");
  Outcome declined = strata({"image", "prune", "-a"}, "store", "n\n");
  EXPECT_EQ(declined.out,
            "WARNING! This will remove all images without at least one container associated to "
            "them.\nAre you sure you want to continue? [y/N] Total reclaimed space: 0B\n");
}

}  // namespace
}  // namespace strata::cli
