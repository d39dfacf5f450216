// The export's frame path: RGB to BT.709 limited-range 4:2:0, and the read-ahead pipeline (order, errors, early stop).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/media/FramePipeline.h"
#include "core/media/Timeline.h"
#include "core/media/Yuv420Converter.h"
#include "tests/media/MediaTestUtil.h"

using namespace shotcraft;
using namespace shotcraft::test;

namespace {

struct Yuv {
  double y, u, v;
};

// BT.709 from its definition, in doubles.
Yuv reference(double r, double g, double b) {
  const double kr = 0.2126, kb = 0.0722, kg = 1.0 - kr - kb;
  const double luma = kr * r + kg * g + kb * b;
  return {16.0 + luma * 219.0 / 255.0, 128.0 + (b - luma) / (2 * (1 - kb)) * 224.0 / 255.0,
          128.0 + (r - luma) / (2 * (1 - kr)) * 224.0 / 255.0};
}

struct Planes {
  std::vector<uint8_t> y, u, v;
  int w, h;
};

Planes convert(const Image& rgb) {
  Planes p{std::vector<uint8_t>(size_t(rgb.width + 16) * rgb.height), std::vector<uint8_t>(size_t(rgb.width / 2 + 8) * rgb.height / 2),
           std::vector<uint8_t>(size_t(rgb.width / 2 + 8) * rgb.height / 2), rgb.width, rgb.height};
  uint8_t* planes[3] = {p.y.data(), p.u.data(), p.v.data()};
  const int linesize[3] = {rgb.width + 16, rgb.width / 2 + 8, rgb.width / 2 + 8};  // padded, as AVFrames are
  media::Yuv420Converter converter;
  converter.convert(rgb, planes, linesize);
  return p;
}

// Fails at frame `failAt`.
class FailingSource : public SyntheticSource {
 public:
  FailingSource(int frames, int failAt) : SyntheticSource(frames, 12.0, 32, 16), m_failAt(failAt) {}
  bool frame(int index, Image& out, std::string* error) override {
    if (index == m_failAt) {
      if (error) *error = "take frame " + std::to_string(index) + " is unreadable";
      return false;
    }
    return SyntheticSource::frame(index, out, error);
  }

 private:
  int m_failAt;
};

}  // namespace

TEST(Yuv420Converter, KnownColoursAreExact) {
  struct Case {
    uint8_t r, g, b;
    int y, u, v;
  };
  // Black, white, and the BT.709 primaries in limited range.
  const Case cases[] = {{0, 0, 0, 16, 128, 128},     {255, 255, 255, 235, 128, 128}, {255, 0, 0, 63, 102, 240},
                        {0, 255, 0, 173, 42, 26},    {0, 0, 255, 32, 240, 118}};
  for (const Case& c : cases) {
    Image img(4, 2, 3);
    for (int i = 0; i < 8; ++i) {
      img.data[size_t(3 * i)] = c.r;
      img.data[size_t(3 * i + 1)] = c.g;
      img.data[size_t(3 * i + 2)] = c.b;
    }
    const Planes p = convert(img);
    EXPECT_EQ(p.y[0], c.y) << int(c.r) << "," << int(c.g) << "," << int(c.b);
    EXPECT_EQ(p.y[p.w + 16 + 3], c.y);
    EXPECT_EQ(p.u[1], c.u) << int(c.r) << "," << int(c.g) << "," << int(c.b);
    EXPECT_EQ(p.v[1], c.v) << int(c.r) << "," << int(c.g) << "," << int(c.b);
  }
}

TEST(Yuv420Converter, MatchesTheDefinitionWithinOneCodeValue) {
  std::mt19937 rng(7);
  Image img(96, 54, 3);
  for (uint8_t& b : img.data) b = uint8_t(rng() & 0xff);
  const Planes p = convert(img);
  double worstY = 0.0;
  double worstC = 0.0;
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      const uint8_t* px = img.pixel(x, y);
      const Yuv want = reference(px[0], px[1], px[2]);
      worstY = std::max(worstY, std::abs(p.y[size_t(y) * (p.w + 16) + x] - want.y));
    }
  }
  for (int y = 0; y < img.height / 2; ++y) {
    for (int x = 0; x < img.width / 2; ++x) {
      double r = 0, g = 0, b = 0;
      for (int dy = 0; dy < 2; ++dy) {
        for (int dx = 0; dx < 2; ++dx) {
          const uint8_t* px = img.pixel(2 * x + dx, 2 * y + dy);
          r += px[0] / 4.0;
          g += px[1] / 4.0;
          b += px[2] / 4.0;
        }
      }
      const Yuv want = reference(r, g, b);
      const size_t at = size_t(y) * (p.w / 2 + 8) + x;
      worstC = std::max({worstC, std::abs(p.u[at] - want.u), std::abs(p.v[at] - want.v)});
    }
  }
  EXPECT_LE(worstY, 1.0 + 1e-3) << "luma within one code value";
  EXPECT_LE(worstC, 1.0 + 1e-3) << "chroma within one code value";
}

TEST(FramePipeline, DeliversEveryFrameInOrder) {
  media::TimelineOptions o;
  o.width = 32;
  o.height = 16;
  o.fps = 12;
  media::Timeline t = syntheticTimeline({1.0, 0.5}, o, 12.0);
  media::FramePipeline frames(t, t.frameCount());
  for (int i = 0; i < t.frameCount(); ++i) {
    Image got;
    Image want;
    std::string error;
    ASSERT_TRUE(frames.next(got, &error)) << error;
    ASSERT_TRUE(t.clip(i < 12 ? 0 : 1).source->frame(i < 12 ? i : i - 12, want, nullptr));
    EXPECT_EQ(got, want) << "frame " << i;
  }
  Image extra;
  std::string error;
  EXPECT_FALSE(frames.next(extra, &error));
}

TEST(FramePipeline, StopsAtTheFirstErrorAndSaysWhich) {
  std::vector<media::TimelineClip> clips;
  media::TimelineClip c;
  c.source = std::make_unique<FailingSource>(12, 5);
  c.duration_s = 1.0;
  clips.push_back(std::move(c));
  media::TimelineOptions o;
  o.width = 32;
  o.height = 16;
  o.fps = 12;
  media::Timeline t(std::move(clips), o);
  media::FramePipeline frames(t, t.frameCount());
  Image img;
  std::string error;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(frames.next(img, &error)) << i << ": " << error;
  EXPECT_FALSE(frames.next(img, &error));
  EXPECT_NE(error.find("take frame 5 is unreadable"), std::string::npos) << error;
}

TEST(FramePipeline, CanBeDroppedMidStream) {
  media::TimelineOptions o;
  o.width = 32;
  o.height = 16;
  o.fps = 12;
  media::Timeline t = syntheticTimeline({10.0}, o, 12.0);
  {
    media::FramePipeline frames(t, t.frameCount());
    Image img;
    ASSERT_TRUE(frames.next(img, nullptr));
  }  // joins the worker without reading the rest
  Image again;
  EXPECT_TRUE(t.frame(0, again, nullptr)) << "the timeline stays usable";
}
