#pragma once
// Draws UTF-8 text (CJK included) into RGB8 cv::Mat images for captions and placeholder cards.
// Uses OpenCV's FreeType module with a Noto Sans CJK (or DejaVu) font when both are present; otherwise falls
// back to OpenCV's Hershey font, which draws ASCII only (other characters become '?').
// One painter per thread: the FreeType face is not shared.
#include <QString>
#include <QStringList>
#include <memory>
#include <opencv2/core.hpp>

namespace shotcraft::media {

class TextPainter {
 public:
  TextPainter();
  ~TextPainter();
  TextPainter(const TextPainter&) = delete;
  TextPainter& operator=(const TextPainter&) = delete;

  // True when the FreeType font is in use (full Unicode), false for the ASCII-only fallback.
  bool unicode() const;

  // Width and height in pixels of one line drawn `height_px` tall.
  cv::Size measure(const QString& text, int height_px) const;
  // Draws one line with its top-left corner at `topLeft`; colour is RGB.
  void draw(cv::Mat& rgb, const QString& text, cv::Point topLeft, int height_px, cv::Scalar rgbColour) const;
  // Same, with a dark outline so it reads on any picture.
  void drawOutlined(cv::Mat& rgb, const QString& text, cv::Point topLeft, int height_px, cv::Scalar rgbColour) const;
  // Breaks `text` into lines no wider than maxWidth_px (at spaces, or between CJK characters), at most maxLines;
  // a cut-off last line ends with "...".
  QStringList wrap(const QString& text, int height_px, int maxWidth_px, int maxLines) const;

  // The font file the FreeType painter uses, "" when none was found. SHOTCRAFT_CAPTION_FONT overrides it.
  static QString fontPath(int* faceIndex = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace shotcraft::media
