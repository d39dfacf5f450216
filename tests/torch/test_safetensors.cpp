#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstring>
#include <fstream>
#include <random>

#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"
#include "tests/common/TestUtil.h"

using namespace shotcraft::torch_engine;

namespace {

std::string readAll(const std::string& path) {
  QFile in(QString::fromStdString(path));
  if (!in.open(QIODevice::ReadOnly)) return {};
  return in.readAll().toStdString();
}

void writeAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Builds a file from a raw JSON header and a data blob (header is not padded: the format does not require it).
std::string makeFile(const std::string& header, const std::string& data) {
  std::string bytes(8, '\0');
  const uint64_t n = header.size();
  std::memcpy(bytes.data(), &n, 8);
  return bytes + header + data;
}

class SafeTensorsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
  std::string path(const std::string& name) const { return QDir(m_dir.path()).filePath(QString::fromStdString(name)).toStdString(); }
  std::string openError(const std::string& bytes) {
    const std::string p = path("t.safetensors");
    writeAll(p, bytes);
    std::string error;
    auto f = SafeTensorsFile::open(p, &error);
    EXPECT_EQ(f, nullptr);
    EXPECT_FALSE(error.empty());
    return error;
  }
  QTemporaryDir m_dir;
};

}  // namespace

TEST_F(SafeTensorsTest, RoundTripAllDtypes) {
  torch::manual_seed(0);
  std::vector<std::pair<std::string, torch::Tensor>> tensors = {
      {"a.weight", torch::randn({3, 5})},
      {"b.half", torch::randn({7}).to(torch::kFloat16)},
      {"c.bf16", torch::randn({2, 3}).to(torch::kBFloat16)},
      {"d.ids", torch::arange(11, torch::kInt64)},
      {"e.i32", torch::arange(5, torch::kInt32)},
      {"f.empty", torch::zeros({0, 4})},
      {"g.scalar", torch::tensor(2.5f).reshape({})},
      {"h.noncontig", torch::randn({4, 6}).t()}};
  const std::string p = path("rt.safetensors");
  std::string error;
  ASSERT_TRUE(writeSafeTensors(p, tensors, {{"format", "pt"}, {"note", "q\"uote"}}, &error)) << error;
  const std::string bytes = readAll(p);
  uint64_t headerBytes = 0;
  std::memcpy(&headerBytes, bytes.data(), 8);
  EXPECT_EQ(headerBytes % 8, 0u);

  auto f = SafeTensorsFile::open(p, &error);
  ASSERT_NE(f, nullptr) << error;
  EXPECT_EQ(f->names().size(), tensors.size());
  EXPECT_EQ(f->metadata().at("format"), "pt");
  EXPECT_EQ(f->metadata().at("note"), "q\"uote");
  for (const auto& [name, t] : tensors) {
    ASSERT_TRUE(f->contains(name)) << name;
    torch::Tensor loaded = f->tensor(name);
    EXPECT_EQ(loaded.scalar_type(), t.scalar_type()) << name;
    EXPECT_EQ(loaded.sizes(), t.sizes()) << name;
    EXPECT_TRUE(torch::equal(loaded, t)) << name;
  }
  EXPECT_FALSE(f->contains("nope"));
  EXPECT_EQ(f->info("nope"), nullptr);
  EXPECT_FALSE(f->tensor("nope").defined());
}

TEST_F(SafeTensorsTest, TensorOutlivesFileAndWritesDoNotTouchDisk) {
  const std::string p = path("keep.safetensors");
  std::string error;
  ASSERT_TRUE(writeSafeTensors(p, {{"x", torch::ones({4})}}, {}, &error)) << error;
  torch::Tensor t;
  {
    auto f = SafeTensorsFile::open(p, &error);
    ASSERT_NE(f, nullptr) << error;
    t = f->tensor("x");
  }
  EXPECT_FLOAT_EQ(t.sum().item<float>(), 4.f);
  t.mul_(3);  // copy-on-write mapping: no crash, file unchanged
  auto again = SafeTensorsFile::open(p, &error);
  ASSERT_NE(again, nullptr);
  EXPECT_FLOAT_EQ(again->tensor("x").sum().item<float>(), 4.f);
}

TEST_F(SafeTensorsTest, WriterRejectsBadInput) {
  std::string error;
  EXPECT_FALSE(writeSafeTensors(path("w.safetensors"), {{"x", torch::ones({2}, torch::kFloat64)}}, {}, &error));
  EXPECT_NE(error.find("'x'"), std::string::npos) << error;
  EXPECT_FALSE(writeSafeTensors(path("w.safetensors"), {{"x", torch::ones({2})}, {"x", torch::ones({2})}}, {}, &error));
  EXPECT_FALSE(QFile::exists(QString::fromStdString(path("w.safetensors"))));
}

TEST_F(SafeTensorsTest, TruncatedFile) {
  const std::string p = path("ok.safetensors");
  std::string error;
  ASSERT_TRUE(writeSafeTensors(p, {{"down_blocks.0.w", torch::ones({16})}}, {}, &error));
  std::string bytes = readAll(p);
  bytes.resize(bytes.size() - 4);
  error = openError(bytes);
  EXPECT_NE(error.find("down_blocks.0.w"), std::string::npos) << error;
  EXPECT_NE(error.find("exceed the file's data size"), std::string::npos) << error;
  EXPECT_NE(openError("abc").find("too small"), std::string::npos);
}

TEST_F(SafeTensorsTest, HeaderLongerThanFile) {
  std::string bytes = makeFile("{}", "");
  const uint64_t n = 1000;
  std::memcpy(bytes.data(), &n, 8);
  EXPECT_NE(openError(bytes).find("exceeds the file size"), std::string::npos);
  const uint64_t huge = ~0ull;
  std::memcpy(bytes.data(), &huge, 8);
  EXPECT_NE(openError(bytes).find("header length"), std::string::npos);
}

TEST_F(SafeTensorsTest, OffsetsPastEnd) {
  const std::string e = openError(makeFile(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})", std::string(8, 'x')));
  EXPECT_NE(e.find("tensor 't': data_offsets [8,16] exceed the file's data size 8"), std::string::npos) << e;
  EXPECT_NE(openError(makeFile(R"({"t":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}})", std::string(8, 'x')))
                .find("reversed"),
            std::string::npos);
  EXPECT_NE(openError(makeFile(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[18446744073709551612,18446744073709551616]}})",
                               std::string(8, 'x')))
                .find("'t'"),
            std::string::npos);
}

TEST_F(SafeTensorsTest, ShapeOffsetMismatch) {
  const std::string e = openError(makeFile(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", std::string(8, 'x')));
  EXPECT_NE(e.find("tensor 'w'"), std::string::npos) << e;
  EXPECT_NE(e.find("need 12"), std::string::npos) << e;
  // element count overflow
  EXPECT_NE(openError(makeFile(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}})",
                               std::string(8, 'x')))
                .find("too large"),
            std::string::npos);
  EXPECT_NE(openError(makeFile(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,8]}})", std::string(8, 'x')))
                .find("dimension"),
            std::string::npos);
  EXPECT_NE(openError(makeFile(R"({"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}})", std::string(8, 'x')))
                .find("dimension"),
            std::string::npos);
  // overlapping tensors
  EXPECT_NE(openError(makeFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                               std::string(8, 'x')))
                .find("overlaps"),
            std::string::npos);
}

TEST_F(SafeTensorsTest, BadDtype) {
  const std::string e = openError(makeFile(R"({"q.weight":{"dtype":"F8_E4M3","shape":[8],"data_offsets":[0,8]}})", std::string(8, 'x')));
  EXPECT_NE(e.find("'q.weight'"), std::string::npos) << e;
  EXPECT_NE(e.find("F8_E4M3"), std::string::npos) << e;
}

TEST_F(SafeTensorsTest, GarbageJson) {
  EXPECT_NE(openError(makeFile("{\"a\": [1,2", "")).find("JSON"), std::string::npos);
  EXPECT_NE(openError(makeFile("[1,2,3]", "")).find("JSON object"), std::string::npos);
  EXPECT_NE(openError(makeFile(R"({"a": 5})", "")).find("'a'"), std::string::npos);
  EXPECT_NE(openError(makeFile(R"({"a": {"shape":[1],"data_offsets":[0,4]}})", "abcd")).find("dtype"), std::string::npos);
  EXPECT_NE(openError(makeFile(R"({"__metadata__": 3})", "")).find("__metadata__"), std::string::npos);
}

TEST_F(SafeTensorsTest, RandomByteFuzzNeverCrashes) {
  torch::manual_seed(1);
  const std::string p = path("fuzz_src.safetensors");
  std::string error;
  ASSERT_TRUE(writeSafeTensors(p,
                               {{"a", torch::randn({3, 4})}, {"b", torch::arange(6, torch::kInt64)},
                                {"c", torch::randn({5}).to(torch::kFloat16)}},
                               {{"k", "v"}}, &error));
  const std::string original = readAll(p);
  std::mt19937 rng(1234);
  int opened = 0;
  const std::string target = path("fuzz.safetensors");
  for (int iter = 0; iter < 400; ++iter) {
    std::string bytes = original;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < flips; ++k) {
      // bias towards the length field and the header, where parsing happens
      const size_t limit = (rng() % 4 == 0) ? bytes.size() : std::min<size_t>(bytes.size(), 200);
      bytes[rng() % limit] = static_cast<char>(rng() % 256);
    }
    if (rng() % 8 == 0) bytes.resize(rng() % bytes.size());
    writeAll(target, bytes);
    std::string err;
    auto f = SafeTensorsFile::open(target, &err);
    if (!f) {
      EXPECT_FALSE(err.empty());
      continue;
    }
    ++opened;
    for (const std::string& name : f->names()) {
      torch::Tensor t = f->tensor(name);
      ASSERT_TRUE(t.defined());
      if (t.numel() > 0) (void)t.to(torch::kFloat64).sum().item<double>();  // touches every byte
    }
  }
  EXPECT_GT(opened, 0);  // some mutations hit the data only
}

TEST(SafeTensorsRefs, OpensReferenceFiles) {
  if (!shotcraft::test::refsAvailable()) GTEST_SKIP() << "shared/refs absent";
  std::string error;
  auto unet = SafeTensorsFile::open(shotcraft::test::refsPath("sd-tiny/unet/diffusion_pytorch_model.safetensors"), &error);
  ASSERT_NE(unet, nullptr) << error;
  EXPECT_EQ(unet->names().size(), 304u);
  const SafeTensorsInfo* conv = unet->info("conv_in.weight");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->shape, (std::vector<int64_t>{32, 4, 3, 3}));
  auto io = SafeTensorsFile::open(shotcraft::test::refsPath("sd-tiny/io_unet.safetensors"), &error);
  ASSERT_NE(io, nullptr) << error;
  EXPECT_EQ(io->tensor("timestep").scalar_type(), torch::kInt64);
  EXPECT_EQ(io->tensor("timestep")[0].item<int64_t>(), 999);
}
