#include "ui/CameraPathCanvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTransform>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <utility>

namespace shotcraft::ui {

using model::CameraChannel;

namespace {
constexpr double kFrameShare = 0.72;  // the image frame's share of the canvas (room for pans outside it)
constexpr double kAnchorRadius_px = 6.0;
constexpr double kHandleRadius_px = 4.5;
constexpr double kHitRadius_px = 8.0;
constexpr double kZoomPerNotch = 1.1;
constexpr double kRollPerNotch_deg = 5.0;

size_t ch(CameraChannel c) {
  return static_cast<size_t>(c);
}

double distance(const QPointF& a, const QPointF& b) {
  return std::hypot(a.x() - b.x(), a.y() - b.y());
}
}  // namespace

CameraPathCanvas::CameraPathCanvas(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("cameraPathCanvas"));
  setMouseTracking(false);
  setFocusPolicy(Qt::ClickFocus);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void CameraPathCanvas::setPath(const model::CameraPath& path) {
  m_path = path;
  if (m_selected >= int(m_path.keyframes().size())) m_selected = int(m_path.keyframes().size()) - 1;
  update();
}

void CameraPathCanvas::setFrameAspect(double widthOverHeight) {
  m_aspect = widthOverHeight > 0.0 ? widthOverHeight : 16.0 / 9.0;
  update();
}

void CameraPathCanvas::setBackground(const QImage& image) {
  m_background = image;
  update();
}

void CameraPathCanvas::setSelectedKey(int key) {
  m_selected = std::clamp(key, -1, int(m_path.keyframes().size()) - 1);
  update();
}

void CameraPathCanvas::setPreviewTime(std::optional<double> t_s) {
  m_previewTime = t_s;
  update();
}

QRectF CameraPathCanvas::frameRect() const {
  const QRectF area(0, 0, width(), height());
  double w = area.width() * kFrameShare;
  double h = w / m_aspect;
  if (h > area.height() * kFrameShare) {
    h = area.height() * kFrameShare;
    w = h * m_aspect;
  }
  return QRectF(area.center().x() - w / 2.0, area.center().y() - h / 2.0, w, h);
}

QPointF CameraPathCanvas::anchorPos(int key) const {
  const QRectF f = frameRect();
  const model::CameraKeyframe& k = m_path.keyframes().at(size_t(key));
  return f.center() + QPointF(k.get(CameraChannel::PanX) * f.width(), k.get(CameraChannel::PanY) * f.height());
}

double CameraPathCanvas::effectiveHandle(int key, Part part, CameraChannel channel) const {
  const auto& keys = m_path.keyframes();
  const model::CameraKeyframe& k = keys.at(size_t(key));
  if (part == Part::HandleOut) {
    if (size_t(key) + 1 >= keys.size()) return 0.0;
    return k.handle_out[ch(channel)].value_or((keys[size_t(key) + 1].get(channel) - k.get(channel)) / 3.0);
  }
  if (key <= 0) return 0.0;
  return k.handle_in[ch(channel)].value_or(-(k.get(channel) - keys[size_t(key) - 1].get(channel)) / 3.0);
}

QPointF CameraPathCanvas::handlePos(int key, Part part) const {
  const QRectF f = frameRect();
  return anchorPos(key) + QPointF(effectiveHandle(key, part, CameraChannel::PanX) * f.width(),
                                  effectiveHandle(key, part, CameraChannel::PanY) * f.height());
}

CameraPathCanvas::Hit CameraPathCanvas::hitTest(const QPointF& pos) const {
  const int n = int(m_path.keyframes().size());
  for (int k = 0; k < n; ++k) {
    if (distance(pos, anchorPos(k)) <= kHitRadius_px) return {Part::Anchor, k};
  }
  for (int k = 0; k < n; ++k) {
    if (k + 1 < n && distance(pos, handlePos(k, Part::HandleOut)) <= kHitRadius_px) return {Part::HandleOut, k};
    if (k > 0 && distance(pos, handlePos(k, Part::HandleIn)) <= kHitRadius_px) return {Part::HandleIn, k};
  }
  return {};
}

QPolygonF CameraPathCanvas::cameraPolygon(const model::ChannelValues& v) const {
  const QRectF f = frameRect();
  const double zoom = std::max(0.01, v[ch(CameraChannel::Zoom)]);
  const QPointF centre =
      f.center() + QPointF(v[ch(CameraChannel::PanX)] * f.width(), v[ch(CameraChannel::PanY)] * f.height());
  const QRectF r(-f.width() / (2.0 * zoom), -f.height() / (2.0 * zoom), f.width() / zoom, f.height() / zoom);
  QTransform t;
  t.translate(centre.x(), centre.y());
  t.rotate(v[ch(CameraChannel::Roll)]);
  return t.map(QPolygonF(r));
}

void CameraPathCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().color(QPalette::Window).darker(115));
  const QRectF f = frameRect();
  if (!m_background.isNull()) {
    p.drawImage(f, m_background);
  } else {
    p.fillRect(f, QColor(0x5a, 0x5f, 0x66));
    p.setPen(QColor(0xd0, 0xd4, 0xd8));
    p.drawText(f.adjusted(6, 6, -6, -6), Qt::AlignBottom | Qt::AlignHCenter, tr("No take yet"));
  }
  p.setPen(QPen(palette().color(QPalette::Text), 1.0));
  p.setBrush(Qt::NoBrush);
  p.drawRect(f);

  const auto& keys = m_path.keyframes();
  const QColor accent = palette().color(QPalette::Highlight);
  if (keys.empty()) {
    p.setPen(palette().color(QPalette::Text));
    p.drawText(rect().adjusted(6, 4, -6, -4), Qt::AlignTop | Qt::AlignHCenter, tr("Add a keyframe to move the camera"));
  }
  // The path of the camera's centre: one cubic Bezier per segment (easing changes timing, not the curve).
  if (keys.size() >= 2) {
    QPainterPath curve(anchorPos(0));
    for (int k = 0; k + 1 < int(keys.size()); ++k) {
      if (keys[size_t(k)].easing == model::Easing::Hold) {
        curve.moveTo(anchorPos(k + 1));  // the camera jumps: no curve to travel
        continue;
      }
      curve.cubicTo(handlePos(k, Part::HandleOut), handlePos(k + 1, Part::HandleIn), anchorPos(k + 1));
    }
    p.setPen(QPen(accent, 2.0));
    p.drawPath(curve);
  }
  // Every keyframe's camera (faint), the selected one's (dashed) and the playing camera (solid).
  p.setPen(QPen(palette().color(QPalette::Mid), 1.0, Qt::DotLine));
  for (int k = 0; k < int(keys.size()); ++k) {
    if (k != m_selected) p.drawPolygon(cameraPolygon(keys[size_t(k)].value));
  }
  if (m_selected >= 0 && m_selected < int(keys.size())) {
    p.setPen(QPen(accent, 1.5, Qt::DashLine));
    p.drawPolygon(cameraPolygon(keys[size_t(m_selected)].value));
  }
  if (m_previewTime) {
    p.setPen(QPen(QColor(0xff, 0xb0, 0x20), 2.5));
    p.drawPolygon(cameraPolygon(m_path.evaluateAll(*m_previewTime)));
  }
  // Handles, then anchors on top.
  for (int k = 0; k < int(keys.size()); ++k) {
    for (Part part : {Part::HandleIn, Part::HandleOut}) {
      if ((part == Part::HandleIn && k == 0) || (part == Part::HandleOut && k + 1 >= int(keys.size()))) continue;
      const QPointF h = handlePos(k, part);
      p.setPen(QPen(palette().color(QPalette::Text), 1.0));
      p.drawLine(anchorPos(k), h);
      p.setBrush(palette().color(QPalette::Base));
      p.drawEllipse(h, kHandleRadius_px, kHandleRadius_px);
    }
  }
  for (int k = 0; k < int(keys.size()); ++k) {
    const QPointF a = anchorPos(k);
    p.setPen(QPen(palette().color(QPalette::Text), 1.5));
    p.setBrush(k == m_selected ? accent : palette().color(QPalette::Base));
    p.drawEllipse(a, kAnchorRadius_px, kAnchorRadius_px);
    p.drawText(a + QPointF(kAnchorRadius_px + 2, -kAnchorRadius_px), QString::number(k + 1));
  }
}

void CameraPathCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  m_drag = hitTest(event->position());
  if (m_drag.part == Part::None) return;
  ++m_dragCount;
  m_dragStart = event->position();
  m_dragStartPath = m_path;
  if (m_drag.key != m_selected) {
    setSelectedKey(m_drag.key);
    emit keySelected(m_drag.key);
  }
  event->accept();
}

void CameraPathCanvas::mouseMoveEvent(QMouseEvent* event) {
  if (m_drag.part == Part::None) return QWidget::mouseMoveEvent(event);
  dragTo(event->position());
}

void CameraPathCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (m_drag.part == Part::None) return QWidget::mouseReleaseEvent(event);
  dragTo(event->position());
  m_drag = {};
}

void CameraPathCanvas::dragTo(const QPointF& pos) {
  const QRectF f = frameRect();
  if (f.width() <= 0.0 || f.height() <= 0.0) return;
  model::CameraPath path = m_dragStartPath;
  model::CameraKeyframe& k = path.keyframes().at(size_t(m_drag.key));
  if (m_drag.part == Part::Anchor) {
    const QPointF d = pos - m_dragStart;
    for (auto [c, delta] :
         {std::pair{CameraChannel::PanX, d.x() / f.width()}, std::pair{CameraChannel::PanY, d.y() / f.height()}}) {
      k.set(c, std::clamp(k.get(c) + delta, model::CameraPath::channelMin(c), model::CameraPath::channelMax(c)));
    }
  } else {
    const QPointF offset = pos - anchorPos(m_drag.key);  // the anchor does not move while a handle is dragged
    model::ChannelHandles& handles = m_drag.part == Part::HandleOut ? k.handle_out : k.handle_in;
    handles[ch(CameraChannel::PanX)] = offset.x() / f.width();
    handles[ch(CameraChannel::PanY)] = offset.y() / f.height();
  }
  if (path == m_path) return;
  m_path = path;
  update();
  emit pathEdited(m_path, QStringLiteral("drag%1").arg(m_dragCount));
}

void CameraPathCanvas::wheelEvent(QWheelEvent* event) {
  if (m_selected < 0 || m_selected >= int(m_path.keyframes().size()) || m_drag.part != Part::None) {
    return QWidget::wheelEvent(event);
  }
  const QPoint angle = event->angleDelta();
  const double notches = (angle.y() != 0 ? angle.y() : angle.x()) / 120.0;  // Shift may turn the wheel sideways
  if (notches == 0.0) return;
  model::CameraPath path = m_path;
  model::CameraKeyframe& k = path.keyframes()[size_t(m_selected)];
  const bool roll = event->modifiers() & Qt::ShiftModifier;
  const CameraChannel c = roll ? CameraChannel::Roll : CameraChannel::Zoom;
  const double value = roll ? k.get(c) + kRollPerNotch_deg * notches : k.get(c) * std::pow(kZoomPerNotch, notches);
  k.set(c, std::clamp(value, model::CameraPath::channelMin(c), model::CameraPath::channelMax(c)));
  event->accept();
  if (path == m_path) return;
  m_path = path;
  update();
  emit pathEdited(m_path, QStringLiteral("key%1.wheel.%2").arg(m_selected).arg(model::CameraPath::channelName(c)));
}

void CameraPathCanvas::keyPressEvent(QKeyEvent* event) {
  if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && m_selected >= 0) {
    emit removeRequested();
    event->accept();
    return;
  }
  QWidget::keyPressEvent(event);
}

}  // namespace shotcraft::ui
