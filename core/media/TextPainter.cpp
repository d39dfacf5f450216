#include "core/media/TextPainter.h"

#include <QFileInfo>
#include <opencv2/imgproc.hpp>
#ifdef SHOTCRAFT_HAVE_CV_FREETYPE
#include <opencv2/freetype.hpp>
#endif

namespace shotcraft::media {

struct TextPainter::Impl {
#ifdef SHOTCRAFT_HAVE_CV_FREETYPE
  cv::Ptr<cv::freetype::FreeType2> ft;
#endif
};

QString TextPainter::fontPath(int* faceIndex) {
  const QString custom = qEnvironmentVariable("SHOTCRAFT_CAPTION_FONT");
  if (!custom.isEmpty() && QFileInfo::exists(custom)) {
    if (faceIndex) *faceIndex = 0;
    return custom;
  }
  // Face 2 of the Noto CJK collection is the Simplified Chinese cut; it covers Latin, kana and hangul too.
  struct Candidate {
    const char* path;
    int face;
  };
  static const Candidate candidates[] = {
      {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2},
      {"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2},
      {"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2},
      {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0},
  };
  for (const Candidate& c : candidates) {
    if (QFileInfo::exists(QString::fromLatin1(c.path))) {
      if (faceIndex) *faceIndex = c.face;
      return QString::fromLatin1(c.path);
    }
  }
  return {};
}

TextPainter::TextPainter() : m_impl(std::make_unique<Impl>()) {
#ifdef SHOTCRAFT_HAVE_CV_FREETYPE
  int face = 0;
  const QString path = fontPath(&face);
  if (!path.isEmpty()) {
    try {
      auto ft = cv::freetype::createFreeType2();
      ft->loadFontData(path.toStdString(), face);
      m_impl->ft = ft;
    } catch (const cv::Exception&) {
      m_impl->ft.reset();  // fall back to the Hershey font
    }
  }
#endif
}

TextPainter::~TextPainter() = default;

bool TextPainter::unicode() const {
#ifdef SHOTCRAFT_HAVE_CV_FREETYPE
  return bool(m_impl->ft);
#else
  return false;
#endif
}

namespace {

std::string asciiOnly(const QString& text) {
  std::string s;
  s.reserve(size_t(text.size()));
  for (QChar c : text) {
    if (c.isLowSurrogate()) continue;
    s.push_back(c.unicode() >= 32 && c.unicode() < 127 ? char(c.unicode()) : '?');
  }
  return s;
}

double hersheyScale(int height_px) { return height_px / 30.0; }

}  // namespace

cv::Size TextPainter::measure(const QString& text, int height_px) const {
  if (text.isEmpty()) return {0, height_px};
#ifdef SHOTCRAFT_HAVE_CV_FREETYPE
  if (m_impl->ft) {
    int baseline = 0;
    const cv::Size s = m_impl->ft->getTextSize(text.toStdString(), height_px, -1, &baseline);
    return {s.width, height_px};
  }
#endif
  int baseline = 0;
  const cv::Size s = cv::getTextSize(asciiOnly(text), cv::FONT_HERSHEY_SIMPLEX, hersheyScale(height_px),
                                     std::max(1, height_px / 14), &baseline);
  return {s.width, height_px};
}

void TextPainter::draw(cv::Mat& rgb, const QString& text, cv::Point topLeft, int height_px,
                       cv::Scalar rgbColour) const {
  if (text.isEmpty() || rgb.empty()) return;
#ifdef SHOTCRAFT_HAVE_CV_FREETYPE
  if (m_impl->ft) {
    // FreeType2::putText takes the baseline origin; the baseline sits about 0.8 of the font height down.
    const cv::Point org(topLeft.x, topLeft.y + int(height_px * 0.82));
    m_impl->ft->putText(rgb, text.toStdString(), org, height_px, rgbColour, -1, cv::LINE_AA, true);
    return;
  }
#endif
  const cv::Point org(topLeft.x, topLeft.y + int(height_px * 0.8));
  cv::putText(rgb, asciiOnly(text), org, cv::FONT_HERSHEY_SIMPLEX, hersheyScale(height_px), rgbColour,
              std::max(1, height_px / 14), cv::LINE_AA);
}

void TextPainter::drawOutlined(cv::Mat& rgb, const QString& text, cv::Point topLeft, int height_px,
                               cv::Scalar rgbColour) const {
  const int d = std::max(1, height_px / 12);
  const cv::Scalar shadow(0, 0, 0);
  for (const cv::Point off : {cv::Point(-d, 0), cv::Point(d, 0), cv::Point(0, -d), cv::Point(0, d)}) {
    draw(rgb, text, topLeft + off, height_px, shadow);
  }
  draw(rgb, text, topLeft, height_px, rgbColour);
}

QStringList TextPainter::wrap(const QString& text, int height_px, int maxWidth_px, int maxLines) const {
  QStringList lines;
  const QString simple = text.simplified();
  if (simple.isEmpty() || maxLines <= 0) return lines;
  auto fits = [&](const QString& s) { return measure(s, height_px).width <= maxWidth_px; };
  // Break points: after a space, or between two characters when either is CJK-wide (no spaces in CJK text).
  auto isWide = [](QChar c) { return c.unicode() >= 0x2E80; };
  QString line;
  int i = 0;
  while (i < simple.size()) {
    int j = i + 1;
    if (!isWide(simple[i])) {
      while (j < simple.size() && simple[j] != QLatin1Char(' ') && !isWide(simple[j])) ++j;
    }
    const QString word = simple.mid(i, j - i);
    const QString candidate = line + word;
    if (line.isEmpty() || fits(candidate)) {
      line = candidate;
    } else {
      lines << line.trimmed();
      line = word.trimmed();
      if (lines.size() == maxLines) break;
    }
    if (j < simple.size() && simple[j] == QLatin1Char(' ')) {
      line += QLatin1Char(' ');
      ++j;
    }
    i = j;
  }
  if (lines.size() < maxLines && !line.trimmed().isEmpty()) {
    lines << line.trimmed();
    i = int(simple.size());
  }
  if (i < simple.size() && !lines.isEmpty()) {
    QString& last = lines.back();
    while (!last.isEmpty() && !fits(last + QStringLiteral("..."))) last.chop(1);
    last += QStringLiteral("...");
  }
  return lines;
}

}  // namespace shotcraft::media
