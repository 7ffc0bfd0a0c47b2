#include "engine/build/builder.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "engine/image/blob_streams.h"
#include "engine/layer/tar_reader.h"
#include "engine/store/ref_store.h"
#include "engine/store/store_layout.h"

namespace strata::build {
namespace {

namespace fs = std::filesystem;

// Records events so tests can ask which steps were cached and why others missed.
class RecordingSink : public EventSink {
 public:
  void on_event(const BuildEvent& event) override { events.push_back(event); }
  std::vector<std::string> cached() const { return names_of(BuildEvent::Kind::cached); }
  std::vector<std::string> rebuilt() const { return names_of(BuildEvent::Kind::done, true); }
  std::vector<std::string> reasons() const {
    std::vector<std::string> out;
    for (const BuildEvent& event : events) {
      out.insert(out.end(), event.miss_reasons.begin(), event.miss_reasons.end());
    }
    return out;
  }
  std::vector<BuildEvent> events;

 private:
  std::vector<std::string> names_of(BuildEvent::Kind kind, bool steps_only = false) const {
    std::vector<std::string> out;
    for (const BuildEvent& event : events) {
      if (event.kind != kind || (steps_only && event.instruction.empty())) continue;
      out.push_back(event.instruction);
    }
    return out;
  }
};

class BuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "strata-build-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    fs::create_directories(m_dir / "context");
    auto layout = store::StoreLayout::open(m_dir / "store");
    ASSERT_TRUE(layout.ok());
    m_layout = std::make_unique<store::StoreLayout>(*layout);
    m_blobs = std::make_unique<store::BlobStore>(*m_layout);
    m_refs = std::make_unique<store::RefStore>(*m_layout);
    m_images = std::make_unique<image::ImageStore>(*m_blobs, *m_refs);
    auto cache = cache::CacheIndex::open(m_dir / "store" / "cache" / "index");
    ASSERT_TRUE(cache.ok());
    m_cache = std::make_unique<cache::CacheIndex>(std::move(*cache));
  }
  void TearDown() override { fs::remove_all(m_dir); }

  void write(const std::string& path, const std::string& content) {
    fs::create_directories((m_dir / "context" / path).parent_path());
    std::ofstream(m_dir / "context" / path, std::ios::binary) << content;
  }
  base::Result<BuildResult> build(RecordingSink& sink, std::vector<std::string> tags = {"app:1"},
                                  bool no_cache = false) {
    Builder builder(*m_blobs, *m_images, *m_cache, sink);
    BuildOptions options;
    options.context_dir = m_dir / "context";
    options.tags = std::move(tags);
    options.no_cache = no_cache;
    return builder.build(options);
  }

  fs::path m_dir;
  std::unique_ptr<store::StoreLayout> m_layout;
  std::unique_ptr<store::BlobStore> m_blobs;
  std::unique_ptr<store::RefStore> m_refs;
  std::unique_ptr<image::ImageStore> m_images;
  std::unique_ptr<cache::CacheIndex> m_cache;
};

const char* k_dockerfile =
    "FROM scratch\nWORKDIR /app\nCOPY app.py .\nEXPOSE 8080\nCMD [\"python\", \"app.py\"]\n";

TEST_F(BuilderTest, BuildsLayersHistoryAndConfig) {
  write("Dockerfile", k_dockerfile);
  write("app.py", "print('hi')\n");
  RecordingSink sink;
  auto result = build(sink);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  const image::ImageConfig& config = result->image.config;
  EXPECT_EQ(config.rootfs.diff_ids.size(), 2u);  // WORKDIR and COPY
  ASSERT_EQ(config.history.size(), 4u);
  EXPECT_EQ(config.history[0].created_by, "WORKDIR /app");
  EXPECT_FALSE(config.history[0].empty_layer);
  EXPECT_EQ(config.history[1].created_by, "COPY app.py . # buildkit");
  EXPECT_TRUE(config.history[2].empty_layer);
  EXPECT_EQ(config.config.working_dir, "/app");
  EXPECT_EQ(config.config.cmd, (std::vector<std::string>{"python", "app.py"}));
  EXPECT_EQ(config.config.exposed_ports, std::set<std::string>{"8080/tcp"});
  auto tagged = m_images->resolve("app:1");
  ASSERT_TRUE(tagged.ok());
  EXPECT_EQ(tagged->id, result->image.id);
  EXPECT_TRUE(sink.cached().empty());
}

TEST_F(BuilderTest, RebuildIsFullyCachedAndGivesTheSameLayers) {
  write("Dockerfile", k_dockerfile);
  write("app.py", "print('hi')\n");
  RecordingSink first;
  auto cold = build(first);
  ASSERT_TRUE(cold.ok());
  RecordingSink second;
  auto warm = build(second);
  ASSERT_TRUE(warm.ok());
  EXPECT_EQ(second.cached(), (std::vector<std::string>{"WORKDIR /app", "COPY app.py ."}));
  EXPECT_EQ(warm->cached_steps, 2);
  EXPECT_EQ(warm->image.config.rootfs.diff_ids, cold->image.config.rootfs.diff_ids);
}

TEST_F(BuilderTest, TouchHitsContentChangeMissesWithAReason) {
  write("Dockerfile", k_dockerfile);
  write("app.py", "print('hi')\n");
  RecordingSink first;
  ASSERT_TRUE(build(first).ok());
  struct timespec times[2] = {{1000, 0}, {1000, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (m_dir / "context" / "app.py").c_str(), times, 0), 0);
  RecordingSink touched;
  ASSERT_TRUE(build(touched).ok());
  EXPECT_EQ(touched.cached().size(), 2u);
  write("app.py", "print('hi')\nprint('more')\n");
  RecordingSink edited;
  ASSERT_TRUE(build(edited).ok());
  EXPECT_EQ(edited.cached(), std::vector<std::string>{"WORKDIR /app"});
  EXPECT_EQ(edited.rebuilt(), std::vector<std::string>{"COPY app.py ."});
  EXPECT_EQ(edited.reasons(), std::vector<std::string>{"source app.py changed"});
}

TEST_F(BuilderTest, ModeChangeMissesAndNoCacheRebuildsEverything) {
  write("Dockerfile", k_dockerfile);
  write("app.py", "print('hi')\n");
  RecordingSink first;
  ASSERT_TRUE(build(first).ok());
  fs::permissions(m_dir / "context" / "app.py", fs::perms::owner_exec, fs::perm_options::add);
  RecordingSink chmodded;
  ASSERT_TRUE(build(chmodded).ok());
  EXPECT_EQ(chmodded.rebuilt(), std::vector<std::string>{"COPY app.py ."});
  RecordingSink fresh;
  ASSERT_TRUE(build(fresh, {"app:2"}, true).ok());
  EXPECT_TRUE(fresh.cached().empty());
  EXPECT_EQ(fresh.rebuilt().size(), 2u);
}

TEST_F(BuilderTest, DockerignoreKeepsFilesOutOfCopy) {
  write("Dockerfile", "FROM scratch\nCOPY . /src/\n");
  write(".dockerignore", ".env\nlarge*\n");
  write("app.py", "x");
  write(".env", "SECRET=1");
  write("largefile.bin", std::string(4096, 'z'));
  RecordingSink sink;
  auto result = build(sink);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->image.config.rootfs.diff_ids.size(), 1u);
  auto reader = m_blobs->open(result->image.config.rootfs.diff_ids[0]);
  ASSERT_TRUE(reader.ok());
  image::BlobSource source(std::move(*reader));
  auto entries = layer::list_layer(source);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> paths;
  for (const auto& entry : *entries) paths.push_back(entry.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"src", "src/.dockerignore", "src/Dockerfile", "src/app.py"}));
}

TEST_F(BuilderTest, ErrorsNameTheDockerfileLine) {
  write("Dockerfile", "FROM scratch\nCOPY missing.txt /x\n");
  RecordingSink sink;
  auto missing = build(sink);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().to_string(), "Dockerfile:2: \"/missing.txt\": not found");
  write("Dockerfile", "FROM scratch\nCOPY ../secret /x\n");
  auto outside = build(sink);
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(
      outside.error().to_string().find("Dockerfile:2: forbidden path outside the build context"),
      std::string::npos);
  write("Dockerfile", "FROM nothing-here:1\n");
  auto no_base = build(sink);
  ASSERT_FALSE(no_base.ok());
  EXPECT_NE(no_base.error().message.find("not in the store"), std::string::npos);
}

TEST_F(BuilderTest, LaterStageBuildsFromAnEarlierOne) {
  write("Dockerfile", "FROM scratch AS base\nCOPY a.txt /a.txt\nFROM base\nCOPY b.txt /b.txt\n");
  write("a.txt", "a");
  write("b.txt", "b");
  RecordingSink sink;
  auto result = build(sink);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->image.config.rootfs.diff_ids.size(), 2u);
}

}  // namespace
}  // namespace strata::build
