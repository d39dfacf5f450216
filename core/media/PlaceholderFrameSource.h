#pragma once
// Frames for a shot that has no rendered take: a card that says so plainly (shot number, title, duration)
// with a bar that advances through the shot, so an animatic keeps its timing without faking a render.
#include <QString>
#include <memory>
#include <opencv2/core.hpp>
#include <vector>

#include "core/media/FrameSource.h"

namespace shotcraft::media {

class TextPainter;

struct PlaceholderCard {
  int number = 1;         // 1-based place in play order
  QString shotId;         // "s03"
  QString title;
  double duration_s = 1.0;
  int fps = 12;
  QString reason = QStringLiteral("not rendered yet");  // e.g. "take t02: no frames found"
};

// Where the card's text lines and progress bar go. Everything stays inside CaptionLayout::freeArea(), so
// burnt-in captions never cover the card's own words.
struct PlaceholderLayout {
  struct Text {
    QString text;
    cv::Rect box;  // top-left is where it is drawn; size as measured
    int size_px = 0;
    cv::Scalar colour;
  };
  std::vector<Text> texts;
  cv::Rect bar;  // the progress bar's full extent
};

class PlaceholderFrameSource : public FrameSource {
 public:
  PlaceholderFrameSource(PlaceholderCard card, int width, int height);
  ~PlaceholderFrameSource() override;

  int frameCount() const override;
  double fps() const override { return m_card.fps; }
  int width() const override { return m_width; }
  int height() const override { return m_height; }
  bool frame(int index, Image& out, std::string* error) override;
  bool isPlaceholder() const override { return true; }

  // The card's layout at width x height (lines that would not fit are left out).
  static PlaceholderLayout layout(const PlaceholderCard& card, int frameCount, int width, int height,
                                  const TextPainter& painter);

 private:
  void drawCard();

  PlaceholderCard m_card;
  int m_width;
  int m_height;
  Image m_card_rgb;  // the card without the progress bar, drawn once
  PlaceholderLayout m_layout;
};

}  // namespace shotcraft::media
