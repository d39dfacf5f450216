// Burnt-in captions and the placeholder card's own text never overlap, at any common frame size.
#include <gtest/gtest.h>

#include "core/media/CaptionLayout.h"
#include "core/media/PlaceholderFrameSource.h"
#include "core/media/TextPainter.h"
#include "core/media/Timeline.h"

using namespace shotcraft;

namespace {

media::PlaceholderCard longCard() {
  media::PlaceholderCard card;
  card.number = 12;
  card.shotId = QStringLiteral("s12");
  card.title = QStringLiteral("The rider crosses the rain-soaked rooftop garden while neon signs flicker over the wet tiles");
  card.duration_s = 2.5;
  card.fps = 24;
  card.reason = QStringLiteral("take t02 has no frames");
  return card;
}

media::Timeline captionedPlaceholder(int width, int height, bool captions) {
  std::vector<media::TimelineClip> clips;
  media::TimelineClip c;
  c.source = std::make_unique<media::PlaceholderFrameSource>(longCard(), width, height);
  c.duration_s = 2.5;
  c.number = 12;
  c.shotId = QStringLiteral("s12");
  c.dialogue = QStringLiteral("We ride at dawn, before the city wakes and the guards change at the northern gate.");
  clips.push_back(std::move(c));
  media::TimelineOptions o;
  o.width = width;
  o.height = height;
  o.fps = 24;
  o.captions = captions;
  return media::Timeline(std::move(clips), o);
}

std::string str(const cv::Rect& r) {
  return std::to_string(r.x) + "," + std::to_string(r.y) + " " + std::to_string(r.width) + "x" + std::to_string(r.height);
}

struct Size {
  int width;
  int height;
};
const Size kSizes[] = {{160, 96}, {256, 144}, {640, 360}, {1280, 720}, {1920, 1080}, {720, 1280}, {640, 480}};

}  // namespace

TEST(CaptionLayout, FreeAreaIsClearOfEveryCaption) {
  for (const Size s : kSizes) {
    const auto l = media::CaptionLayout::forFrame(s.width, s.height);
    const cv::Rect free = l.freeArea();
    SCOPED_TRACE(std::to_string(s.width) + "x" + std::to_string(s.height));
    EXPECT_GT(free.height, s.height / 3);
    EXPECT_TRUE((free & l.labelStrip()).empty()) << str(free) << " vs label " << str(l.labelStrip());
    for (int lines = 1; lines <= media::CaptionLayout::kMaxDialogueLines; ++lines) {
      EXPECT_TRUE((free & l.dialogueBand(lines)).empty()) << str(free) << " vs band " << str(l.dialogueBand(lines));
    }
  }
}

TEST(CaptionLayout, PlaceholderTextAndCaptionsDoNotIntersect) {
  media::TextPainter painter;
  for (const Size s : kSizes) {
    SCOPED_TRACE(std::to_string(s.width) + "x" + std::to_string(s.height));
    media::Timeline t = captionedPlaceholder(s.width, s.height, true);
    const media::CaptionBoxes caps = t.captionBoxes(0);
    ASSERT_EQ(caps.lines.size(), 2) << "the dialogue should fill both caption lines";
    std::vector<cv::Rect> captionRects = caps.lineBoxes;
    captionRects.push_back(caps.labelBox);
    captionRects.push_back(caps.band);

    const auto& src = static_cast<const media::PlaceholderFrameSource&>(*t.clip(0).source);
    const media::PlaceholderLayout card =
        media::PlaceholderFrameSource::layout(longCard(), src.frameCount(), s.width, s.height, painter);
    if (s.height >= 144) {
      EXPECT_GE(card.texts.size(), 4u) << "tag, heading, title and timing should all fit";
      EXPECT_FALSE(card.bar.empty());
    }
    std::vector<cv::Rect> cardRects;
    for (const auto& text : card.texts) cardRects.push_back(text.box);
    if (!card.bar.empty()) cardRects.push_back(card.bar);
    for (const cv::Rect& a : cardRects) {
      EXPECT_EQ(a & cv::Rect(0, 0, s.width, s.height), a) << "card element off the frame: " << str(a);
      for (const cv::Rect& b : captionRects) {
        EXPECT_TRUE((a & b).empty()) << "card " << str(a) << " overlaps caption " << str(b);
      }
    }
  }
}

// Drawn frames agree with the boxes: captions change no pixel inside the card's text boxes.
TEST(CaptionLayout, DrawnCaptionsLeaveTheCardTextAlone) {
  media::TextPainter painter;
  for (const Size s : {Size{256, 144}, Size{1280, 720}}) {
    SCOPED_TRACE(std::to_string(s.width) + "x" + std::to_string(s.height));
    media::Timeline plain = captionedPlaceholder(s.width, s.height, false);
    media::Timeline captioned = captionedPlaceholder(s.width, s.height, true);
    Image a;
    Image b;
    ASSERT_TRUE(plain.frame(10, a, nullptr));
    ASSERT_TRUE(captioned.frame(10, b, nullptr));
    const media::PlaceholderLayout card = media::PlaceholderFrameSource::layout(
        longCard(), plain.clip(0).source->frameCount(), s.width, s.height, painter);
    int changedOutside = 0;
    for (const auto& text : card.texts) {
      for (int y = text.box.y; y < text.box.y + text.box.height; ++y) {
        for (int x = text.box.x; x < text.box.x + text.box.width; ++x) {
          ASSERT_EQ(a.pixel(x, y)[0], b.pixel(x, y)[0]) << "caption drew over '" << text.text.toStdString() << "'";
        }
      }
    }
    for (int y = 0; y < s.height; ++y) {
      for (int x = 0; x < s.width; ++x) changedOutside += a.pixel(x, y)[1] != b.pixel(x, y)[1];
    }
    EXPECT_GT(changedOutside, s.width) << "captions were not drawn at all";
  }
}
