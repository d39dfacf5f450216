#include "ui/pdf/BoardsPanel.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainterPath>
#include <QTransform>
#include <cmath>

namespace shotcraft::boards {

namespace {

using model::CameraChannel;

QFont panelFont(double pixelSize, bool bold = false, bool italic = false) {
  return BoardsPanel::font(pixelSize, bold, italic);
}

QString secondsText(double s) { return QString::number(s, 'f', s < 10 ? 2 : 1) + QStringLiteral(" s"); }

// Draws as much of `text` as fits in `rect`, word-wrapped; returns the height used.
double drawWrapped(QPainter& p, const QRectF& rect, const QString& text, const QFont& font, const QColor& colour) {
  if (text.trimmed().isEmpty() || rect.height() <= 0) return 0.0;
  p.save();
  p.setFont(font);
  p.setPen(colour);
  p.setClipRect(rect);
  QRectF used;
  p.drawText(rect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text.simplified(), &used);
  p.restore();
  return std::min(used.height(), rect.height());
}

void drawFrame(QPainter& p, const QRectF& box, const QImage& image, const QString& label, double unit) {
  p.fillRect(box, QColor(30, 30, 34));
  if (!image.isNull()) {
    const QSizeF fitted = QSizeF(image.size()).scaled(box.size(), Qt::KeepAspectRatio);
    const QRectF target(box.center() - QPointF(fitted.width() / 2, fitted.height() / 2), fitted);
    p.drawImage(target, image);
  }
  p.setPen(QPen(QColor(90, 90, 96), unit * 0.06));
  p.setBrush(Qt::NoBrush);
  p.drawRect(box);
  p.setFont(panelFont(unit * 0.6, true));
  // Top-right, clear of a placeholder card's own heading at the top-left.
  const QRectF tag(box.right() - unit * 2.35, box.top() + unit * 0.1, unit * 2.2, unit * 0.8);
  p.fillRect(tag, QColor(0, 0, 0, 150));
  p.setPen(Qt::white);
  p.drawText(tag, Qt::AlignCenter, label);
}

}  // namespace

QFont BoardsPanel::font(double pixelSize, bool bold, bool italic) {
  QFont f;
  // DejaVu Sans for Latin text and digits (their PDF text extracts cleanly), Noto Sans CJK for Chinese,
  // Japanese and Korean; fontconfig supplies any other installed face for the rest.
  f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Noto Sans")});
  f.setPixelSize(std::max(1, int(std::lround(pixelSize))));
  f.setBold(bold);
  f.setItalic(italic);
  return f;
}

void BoardsPanel::paintCameraOverlay(QPainter& p, const QRectF& frame, const model::Shot& shot, double unit) {
  const model::CameraPath& path = shot.camera;
  if (path.isEmpty()) return;
  const model::ChannelValues a = path.evaluateAll(0.0);
  const model::ChannelValues b = path.evaluateAll(shot.duration_s);
  bool moves = false;
  for (int c = 0; c < model::kCameraChannelCount; ++c) moves = moves || std::abs(a[size_t(c)] - b[size_t(c)]) > 1e-6;
  if (!moves) return;
  auto get = [](const model::ChannelValues& v, CameraChannel c) { return v[static_cast<size_t>(c)]; };
  auto framing = [&](const model::ChannelValues& v) {
    const double zoom = std::max(0.05, get(v, CameraChannel::Zoom));
    const QPointF centre = frame.center() + QPointF(get(v, CameraChannel::PanX) * frame.width(),
                                                    get(v, CameraChannel::PanY) * frame.height());
    const QSizeF size(frame.width() / zoom, frame.height() / zoom);
    QTransform t;
    t.translate(centre.x(), centre.y());
    t.rotate(get(v, CameraChannel::Roll));
    QPolygonF poly = t.map(QPolygonF(QRectF(QPointF(-size.width() / 2, -size.height() / 2), size)));
    return std::make_pair(centre, poly);
  };
  const auto [c0, poly0] = framing(a);
  const auto [c1, poly1] = framing(b);
  p.save();
  p.setClipRect(frame);
  p.setRenderHint(QPainter::Antialiasing);
  const QColor accent(255, 190, 40);
  p.setPen(QPen(QColor(255, 255, 255, 170), unit * 0.06));
  p.drawPolygon(poly0);
  p.setPen(QPen(accent, unit * 0.09, Qt::DashLine));
  p.drawPolygon(poly1);
  const QLineF move(c0, c1);
  p.setPen(QPen(accent, unit * 0.12, Qt::SolidLine, Qt::RoundCap));
  if (move.length() > unit * 0.3) {
    p.drawLine(move);
    const double angle = std::atan2(c1.y() - c0.y(), c1.x() - c0.x());
    const double head = unit * 0.45;
    for (double side : {-0.45, 0.45}) {
      p.drawLine(c1, c1 - QPointF(std::cos(angle + side) * head, std::sin(angle + side) * head));
    }
  } else {
    p.drawEllipse(c1, unit * 0.12, unit * 0.12);
  }
  // The numbers, for moves an arrow does not show (zoom, roll, dolly).
  QStringList parts;
  auto change = [&](CameraChannel ch, const char* name, int decimals) {
    const double x = get(a, ch);
    const double y = get(b, ch);
    if (std::abs(x - y) > 1e-6) {
      parts << QStringLiteral("%1 %2\u2192%3").arg(QLatin1String(name)).arg(x, 0, 'f', decimals).arg(y, 0, 'f', decimals);
    }
  };
  change(CameraChannel::Zoom, "zoom", 2);
  change(CameraChannel::Roll, "roll", 0);
  change(CameraChannel::Dolly, "dolly", 2);
  if (!parts.isEmpty()) {
    p.setFont(panelFont(unit * 0.55));
    const QRectF band(frame.left(), frame.bottom() - unit * 0.8, frame.width(), unit * 0.8);
    p.fillRect(band, QColor(0, 0, 0, 140));
    p.setPen(accent);
    p.drawText(band.adjusted(unit * 0.15, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, parts.join(QStringLiteral("  ")));
  }
  p.restore();
}

void BoardsPanel::paint(QPainter& p, const QRectF& rect, const PanelContent& content, double unit) {
  if (!content.shot) return;
  const model::Shot& shot = *content.shot;
  p.save();
  p.setPen(QPen(QColor(200, 200, 205), unit * 0.05));
  p.setBrush(QColor(250, 250, 251));
  p.drawRect(rect);
  const QRectF inner = rect.adjusted(unit * 0.35, unit * 0.3, -unit * 0.35, -unit * 0.3);

  // Header: number, id, title; the duration on the right.
  const QRectF header(inner.left(), inner.top(), inner.width(), unit * 1.3);
  p.setFont(panelFont(unit * 0.95, true));
  p.setPen(QColor(20, 20, 24));
  const QString duration = secondsText(shot.duration_s);
  const double durationWidth = QFontMetricsF(p.font()).horizontalAdvance(duration) + unit * 0.3;
  p.drawText(header.adjusted(header.width() - durationWidth, 0, 0, 0), Qt::AlignRight | Qt::AlignVCenter, duration);
  const QString title = QStringLiteral("%1  %2  %3").arg(content.number).arg(shot.id, shot.title.simplified());
  p.drawText(header.adjusted(0, 0, -durationWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
             QFontMetricsF(p.font()).elidedText(title, Qt::ElideRight, header.width() - durationWidth));

  // First and last frame at the shot's aspect ratio, side by side or stacked (whichever draws them larger),
  // within about half the panel's height.
  const double gap = unit * 0.3;
  const double aspect = double(std::max(1, shot.height)) / std::max(1, shot.width);
  const double maxH = inner.height() * 0.5;
  const double sideW = std::min((inner.width() - gap) / 2, maxH / aspect);
  const double stackW = std::min(inner.width(), (maxH - gap) / 2 / aspect);
  const bool stacked = stackW > sideW;
  const double frameW = stacked ? stackW : sideW;
  const double frameH = frameW * aspect;
  const double top = header.bottom() + unit * 0.2;
  const QRectF firstBox(inner.left(), top, frameW, frameH);
  const QRectF lastBox = stacked ? QRectF(inner.left(), top + frameH + gap, frameW, frameH)
                                 : QRectF(inner.left() + frameW + gap, top, frameW, frameH);
  const QString placeholderTag = content.placeholder ? QStringLiteral(" (placeholder)") : QString();
  drawFrame(p, firstBox, content.first, QStringLiteral("first"), unit);
  drawFrame(p, lastBox, content.last, QStringLiteral("last"), unit);
  paintCameraOverlay(p, firstBox, shot, unit);

  // Prompt, then seed/sampler, then notes, each clipped to what is left.
  double y = lastBox.bottom() + unit * 0.3;
  const double bottom = inner.bottom();
  const QRectF metaRect(inner.left(), bottom - unit * 1.6, inner.width(), unit * 1.6);
  const double notesShare = shot.notes.trimmed().isEmpty() ? 0.0 : 0.35;
  const double textSpace = std::max(0.0, metaRect.top() - y);
  const QRectF promptRect(inner.left(), y, inner.width(), textSpace * (1.0 - notesShare));
  y += drawWrapped(p, promptRect, shot.prompt.isEmpty() ? QStringLiteral("(no prompt)") : shot.prompt,
                   panelFont(unit * 0.72), QColor(30, 30, 36)) + unit * 0.2;
  if (!shot.notes.trimmed().isEmpty()) {
    drawWrapped(p, QRectF(inner.left(), y, inner.width(), std::max(0.0, metaRect.top() - y)),
                QStringLiteral("Notes: ") + shot.notes, panelFont(unit * 0.68, false, true), QColor(80, 80, 96));
  }
  p.setFont(panelFont(unit * 0.62));
  p.setPen(QColor(90, 90, 100));
  const QString settings = QStringLiteral("seed %1  |  %2, %3 steps, cfg %4")
                               .arg(shot.seed)
                               .arg(shot.sampler)
                               .arg(shot.steps)
                               .arg(shot.cfg_scale, 0, 'f', 1);
  const QString format = QStringLiteral("%1x%2, %3 fps%4").arg(shot.width).arg(shot.height).arg(shot.fps).arg(placeholderTag);
  const QString oneLine = settings + QStringLiteral("  |  ") + format;
  const bool fits = QFontMetricsF(p.font()).horizontalAdvance(oneLine) <= metaRect.width();
  p.drawText(metaRect, Qt::AlignLeft | Qt::AlignBottom, fits ? oneLine : settings + QLatin1Char('\n') + format);
  p.restore();
}

}  // namespace shotcraft::boards
