#pragma once
// Where burnt-in captions sit on a frame: the shot label in a strip along the top, the dialogue (at most
// kMaxDialogueLines lines) on a dark band along the bottom. Anything else drawn on frames that may carry
// captions (the placeholder card's own text) keeps to freeArea(), so the two never overlap.
#include <opencv2/core.hpp>

namespace shotcraft::media {

struct CaptionLayout {
  static constexpr int kMaxDialogueLines = 2;

  int width = 0;
  int height = 0;
  int margin_px = 0;     // from the frame edges, and between captions and other text
  int label_px = 0;      // shot label text height
  int line_px = 0;       // dialogue text height
  int line_step_px = 0;  // dialogue baseline to baseline

  static CaptionLayout forFrame(int width, int height);

  // Outline width drawTextOutlined adds around text drawn `text_px` tall.
  static int outlinePx(int text_px);

  // The shot label's box (outline included) for a label `textWidth_px` wide.
  cv::Rect labelRect(int textWidth_px) const;
  // The full-width top strip any shot label stays within.
  cv::Rect labelStrip() const;
  // The darkened band behind `lines` dialogue lines (empty for 0), clipped to the frame.
  cv::Rect dialogueBand(int lines) const;
  // Dialogue line `i` of `lines`, centred, `textWidth_px` wide (outline included).
  cv::Rect dialogueLine(int i, int lines, int textWidth_px) const;
  // The part of the frame no caption ever touches: below the label strip and above the tallest band, with a
  // margin to each.
  cv::Rect freeArea() const;
};

}  // namespace shotcraft::media
