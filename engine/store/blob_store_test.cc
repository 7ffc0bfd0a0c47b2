#include "engine/store/blob_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <random>
#include <string>

#include "engine/store/store_error.h"
#include "engine/store/test_support.h"

namespace strata::store {
namespace {

using base::Digest;
using base::ErrorCode;
using testing::entries;

std::string random_bytes(size_t size, uint32_t seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  return bytes;
}

ino_t inode_of(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_ino;
}

bool contains_text(const base::Error& error, std::string_view text) {
  return error.to_string().find(text) != std::string::npos;
}

class BlobStoreTest : public testing::StoreFixture {
 protected:
  BlobStore m_blobs{layout()};
};

TEST_F(BlobStoreTest, PutReturnsTheSha256OfTheContent) {
  auto digest = m_blobs.put("abc");
  ASSERT_TRUE(digest.ok()) << digest.error().to_string();
  EXPECT_EQ(digest->to_string(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(m_blobs.path(*digest), layout().blobs_dir() / digest->hex());
  EXPECT_TRUE(m_blobs.contains(*digest));
  EXPECT_EQ(*m_blobs.size(*digest), 3u);
  EXPECT_EQ(*m_blobs.read(*digest), "abc");
}

TEST_F(BlobStoreTest, PutIsIdempotentForSameDigest) {
  auto first = m_blobs.put("same content");
  ASSERT_TRUE(first.ok());
  ino_t inode = inode_of(m_blobs.path(*first));
  auto second = m_blobs.put("same content");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*first, *second);
  // The second put found the blob and wrote nothing: same file, no temp left behind.
  EXPECT_EQ(inode_of(m_blobs.path(*first)), inode);
  EXPECT_EQ(m_blobs.list()->size(), 1u);
  EXPECT_TRUE(entries(layout().tmp_dir()).empty());
}

TEST_F(BlobStoreTest, BlobsAreReadOnlyFiles) {
  auto digest = m_blobs.put("x");
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(testing::mode_of(m_blobs.path(*digest)), 0444u);
}

TEST_F(BlobStoreTest, EmptyAndLargeBlobsRoundTrip) {
  auto empty = m_blobs.put("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, Digest::of(""));
  EXPECT_EQ(*m_blobs.read(*empty), "");
  std::string large = random_bytes(3 * 1024 * 1024 + 7, 1);
  auto digest = m_blobs.put(large);
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(*m_blobs.read(*digest), large);
  EXPECT_TRUE(m_blobs.verify(*digest).ok());
}

TEST_F(BlobStoreTest, WriterStreamsIntoOneBlob) {
  std::string content = random_bytes(700 * 1024, 2);
  auto writer = m_blobs.writer();
  ASSERT_TRUE(writer.ok());
  for (size_t at = 0; at < content.size(); at += 10007) {
    ASSERT_TRUE(writer->write(std::string_view(content).substr(at, 10007)).ok());
  }
  EXPECT_EQ(writer->size(), content.size());
  EXPECT_TRUE(m_blobs.list()->empty());  // nothing visible before commit
  auto info = writer->commit(Digest::of(content));
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(*info, (BlobInfo{Digest::of(content), content.size()}));
  EXPECT_EQ(*m_blobs.read(info->digest), content);
  EXPECT_TRUE(entries(layout().tmp_dir()).empty());
}

TEST_F(BlobStoreTest, WriterDigestMismatchLeavesNoBlob) {
  auto writer = m_blobs.writer();
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer->write("actual content").ok());
  Digest claimed = Digest::of("claimed content");
  auto info = writer->commit(claimed);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(info.error().message, "digest mismatch: expected " + claimed.to_string() +
                                      ", content is " + Digest::of("actual content").to_string() +
                                      " (14 bytes)");
  EXPECT_FALSE(m_blobs.contains(claimed));
  EXPECT_FALSE(m_blobs.contains(Digest::of("actual content")));
  EXPECT_TRUE(m_blobs.list()->empty());
  EXPECT_TRUE(entries(layout().blobs_dir()).empty());
  EXPECT_TRUE(entries(layout().tmp_dir()).empty());
}

TEST_F(BlobStoreTest, AbortedOrDroppedWritersLeaveNothing) {
  {
    auto dropped = m_blobs.writer();
    ASSERT_TRUE(dropped.ok());
    ASSERT_TRUE(dropped->write("dropped").ok());
  }
  auto aborted = m_blobs.writer();
  ASSERT_TRUE(aborted.ok());
  ASSERT_TRUE(aborted->write("aborted").ok());
  aborted->abort();
  EXPECT_FALSE(aborted->write("more").ok());
  EXPECT_FALSE(aborted->commit().ok());
  EXPECT_TRUE(entries(layout().blobs_dir()).empty());
  EXPECT_TRUE(entries(layout().tmp_dir()).empty());
}

TEST_F(BlobStoreTest, WriterCannotBeCommittedTwice) {
  auto writer = m_blobs.writer();
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer->write("once").ok());
  ASSERT_TRUE(writer->commit().ok());
  EXPECT_FALSE(writer->commit().ok());
  EXPECT_FALSE(writer->write("again").ok());
  EXPECT_EQ(*m_blobs.read(Digest::of("once")), "once");
}

TEST_F(BlobStoreTest, PutFileStoresTheFileContent) {
  std::string content = random_bytes(2 * 1024 * 1024 + 3, 3);
  auto source = layout().root() / "source.bin";
  testing::overwrite_file(source, content);
  auto info = m_blobs.put_file(source);
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(*info, (BlobInfo{Digest::of(content), content.size()}));
  EXPECT_EQ(*m_blobs.read(info->digest), content);

  auto missing = m_blobs.put_file(layout().root() / "missing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_TRUE(contains_text(missing.error(), "missing"));
}

TEST_F(BlobStoreTest, MissingBlobIsNotFoundEverywhereAndNamesTheDigest) {
  Digest absent = Digest::of("absent");
  EXPECT_FALSE(m_blobs.contains(absent));
  auto size = m_blobs.size(absent);
  auto read = m_blobs.read(absent);
  auto open = m_blobs.open(absent);
  auto verify = m_blobs.verify(absent);
  auto remove = m_blobs.remove(absent);
  ASSERT_FALSE(size.ok() || read.ok() || open.ok() || verify.ok() || remove.ok());
  for (const base::Error* error :
       {&size.error(), &read.error(), &open.error(), &verify.error(), &remove.error()}) {
    EXPECT_EQ(error->code, ErrorCode::not_found);
    EXPECT_EQ(error->message,
              "blob " + absent.to_string() + " not found at " + m_blobs.path(absent).string());
  }
}

TEST_F(BlobStoreTest, CorruptBlobIsReportedByVerifyReadAndOpen) {
  std::string content = random_bytes(300 * 1024, 4);
  auto digest = m_blobs.put(content);
  ASSERT_TRUE(digest.ok());
  std::string damaged = content;
  damaged[150 * 1024] ^= 0x01;  // one flipped bit, same size
  testing::overwrite_file(m_blobs.path(*digest), damaged);

  auto verify = m_blobs.verify(*digest);
  ASSERT_FALSE(verify.ok());
  EXPECT_TRUE(is_corrupt(verify.error()));
  EXPECT_EQ(verify.error().message, "corrupt blob " + digest->to_string() + " at " +
                                        m_blobs.path(*digest).string() + ": content hashes to " +
                                        Digest::of(damaged).to_string());

  auto read = m_blobs.read(*digest);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(is_corrupt(read.error()));

  auto reader = m_blobs.open(*digest);
  ASSERT_TRUE(reader.ok());
  std::vector<uint8_t> buffer(64 * 1024);
  base::Result<size_t> got = size_t{0};
  size_t total = 0;
  while ((got = reader->read(buffer)).ok() && *got > 0) total += *got;
  ASSERT_FALSE(got.ok());  // the stream ends in an error, never in a clean 0
  EXPECT_TRUE(is_corrupt(got.error()));
  EXPECT_EQ(total, content.size());
  EXPECT_FALSE(reader->read(buffer).ok());  // and keeps saying so

  // A corrupt blob is still "there" for the cheap checks; only hashing can tell.
  EXPECT_TRUE(m_blobs.contains(*digest));
}

TEST_F(BlobStoreTest, TruncatedBlobIsCorruptAndPutRepairsIt) {
  std::string content = random_bytes(4096, 5);
  auto digest = m_blobs.put(content);
  ASSERT_TRUE(digest.ok());
  testing::overwrite_file(m_blobs.path(*digest), content.substr(0, 100));
  EXPECT_TRUE(is_corrupt(m_blobs.verify(*digest).error()));
  // put trusts an existing blob only when its size matches, so it rewrites this one.
  ASSERT_TRUE(m_blobs.put(content).ok());
  EXPECT_TRUE(m_blobs.verify(*digest).ok());
  EXPECT_EQ(testing::mode_of(m_blobs.path(*digest)), 0444u);
}

TEST_F(BlobStoreTest, VerifyingReaderStreamsTheWholeBlob) {
  std::string content = random_bytes(100000, 6);
  auto digest = m_blobs.put(content);
  ASSERT_TRUE(digest.ok());
  auto reader = m_blobs.open(*digest);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->size(), content.size());
  EXPECT_EQ(reader->digest(), *digest);
  std::string streamed;
  std::vector<uint8_t> buffer(4096);
  for (;;) {
    auto got = reader->read(buffer);
    ASSERT_TRUE(got.ok());
    if (*got == 0) break;
    streamed.append(reinterpret_cast<const char*>(buffer.data()), *got);
  }
  EXPECT_EQ(streamed, content);
  EXPECT_EQ(*reader->read(buffer), 0u);
}

TEST_F(BlobStoreTest, ListIsSortedAndIgnoresTempsAndStrayFiles) {
  std::vector<Digest> expected;
  for (int i = 0; i < 20; ++i) expected.push_back(*m_blobs.put("blob " + std::to_string(i)));
  std::sort(expected.begin(), expected.end());
  // Leftovers of interrupted writes, one even named like a blob, and a foreign file.
  testing::overwrite_file(layout().tmp_dir() / "blob-AbCdEf", "partial");
  testing::overwrite_file(layout().tmp_dir() / Digest::of("partial").hex(), "partial");
  testing::overwrite_file(layout().blobs_dir() / "README", "not a blob");
  auto listed = m_blobs.list();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(*listed, expected);
  EXPECT_FALSE(m_blobs.contains(Digest::of("partial")));
}

TEST_F(BlobStoreTest, RemoveDeletesTheBlob) {
  auto keep = m_blobs.put("keep");
  auto drop = m_blobs.put("drop");
  ASSERT_TRUE(keep.ok() && drop.ok());
  ASSERT_TRUE(m_blobs.remove(*drop).ok());
  EXPECT_FALSE(m_blobs.contains(*drop));
  EXPECT_EQ(*m_blobs.list(), std::vector<Digest>{*keep});
  // Removing is not forever: the content can come back.
  ASSERT_TRUE(m_blobs.put("drop").ok());
  EXPECT_TRUE(m_blobs.verify(*drop).ok());
}

}  // namespace
}  // namespace strata::store
