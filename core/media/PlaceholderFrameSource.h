#pragma once
// Frames for a shot that has no rendered take: a card that says so plainly (shot number, title, duration)
// with a bar that advances through the shot, so an animatic keeps its timing without faking a render.
#include <QString>
#include <memory>

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

 private:
  void drawCard();

  PlaceholderCard m_card;
  int m_width;
  int m_height;
  Image m_card_rgb;  // the card without the progress bar, drawn once
};

}  // namespace shotcraft::media
