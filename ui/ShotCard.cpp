#include "ui/ShotCard.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/model/Shot.h"

namespace shotcraft::ui {

namespace {
constexpr int kPromptLines = 2;
constexpr int kMargin_px = 6;
constexpr double kCornerRadius_px = 5.0;

// Height of one laid-out line, measured on Latin and CJK text so a fallback font's taller lines fit too.
int lineHeight_px(const QFont& font) {
  QTextLayout layout(QStringLiteral("Ag\u6C49\u5B57"), font);
  layout.beginLayout();
  QTextLine line = layout.createLine();
  layout.endLayout();
  return static_cast<int>(std::ceil(std::max<qreal>(line.height(), QFontMetricsF(font).lineSpacing())));
}

// `text` cut to at most `lines` lines of `width_px`, the last one ending in an ellipsis when text was left over.
QString elideToLines(const QString& text, const QFont& font, int width_px, int lines) {
  if (width_px <= 0) return QString();
  QTextLayout layout(text, font);
  QTextOption option;
  option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  layout.setTextOption(option);
  layout.beginLayout();
  QStringList kept;
  for (int i = 0; i < lines; ++i) {
    QTextLine line = layout.createLine();
    if (!line.isValid()) break;
    line.setLineWidth(width_px);
    const bool last = i == lines - 1;
    const bool more = line.textStart() + line.textLength() < text.size();
    if (last && more) {
      kept << QFontMetrics(font).elidedText(text.mid(line.textStart()), Qt::ElideRight, width_px);
    } else {
      kept << text.mid(line.textStart(), line.textLength()).trimmed();
    }
  }
  layout.endLayout();
  return kept.join(QLatin1Char('\n'));
}

void shrinkable(QLabel* label) { label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed); }
}  // namespace

ShotCard::ShotCard(const QString& shotId, QWidget* parent)
    : QFrame(parent),
      m_shotId(shotId),
      m_number_label(new QLabel(this)),
      m_title(new QLabel(this)),
      m_thumbnail(new QLabel(this)),
      m_meta(new QLabel(this)),
      m_excerpt(new QLabel(this)),
      m_freshnessLabel(new QLabel(m_thumbnail)) {  // a mark in the thumbnail's top-right corner
  setObjectName(QStringLiteral("ShotCard_%1").arg(shotId));
  setFixedHeight(kHeight_px);
  setMinimumWidth(kMinWidth_px);
  setCursor(Qt::PointingHandCursor);
  setFocusPolicy(Qt::ClickFocus);
  setMouseTracking(true);  // the resize cursor over the right edge

  QFont bold = font();
  bold.setBold(true);
  m_title->setFont(bold);
  m_number_label->setForegroundRole(QPalette::PlaceholderText);

  m_thumbnail->setFixedHeight(kThumbnailBox_px);
  m_thumbnail->setAlignment(Qt::AlignCenter);
  m_thumbnail->setAutoFillBackground(true);
  m_thumbnail->setBackgroundRole(QPalette::AlternateBase);
  m_thumbnail->setForegroundRole(QPalette::PlaceholderText);
  m_thumbnail->setFrameShape(QFrame::StyledPanel);
  m_thumbnail->setObjectName(QStringLiteral("thumbnail"));
  m_thumbnail->setWordWrap(true);

  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  m_meta->setFont(small);
  m_meta->setForegroundRole(QPalette::PlaceholderText);
  m_excerpt->setFont(small);
  m_excerpt->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  m_excerpt->setTextFormat(Qt::PlainText);
  m_excerpt->setFixedHeight(lineHeight_px(small) * kPromptLines + 2);
  for (QLabel* label : {m_number_label, m_title, m_thumbnail, m_meta, m_excerpt}) shrinkable(label);
  m_number_label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

  auto* header = new QHBoxLayout;
  header->setSpacing(4);
  header->addWidget(m_number_label);
  header->addWidget(m_title, 1);
  m_freshnessLabel->setObjectName(QStringLiteral("freshness"));
  m_freshnessLabel->setFont(small);
  m_freshnessLabel->setAutoFillBackground(true);
  m_freshnessLabel->setBackgroundRole(QPalette::Base);
  m_freshnessLabel->setMargin(2);
  auto* overlay = new QHBoxLayout(m_thumbnail);
  overlay->setContentsMargins(3, 3, 3, 3);
  overlay->addStretch(1);
  overlay->addWidget(m_freshnessLabel, 0, Qt::AlignTop);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(kMargin_px, kMargin_px + 2, kEdgeGrip_px + 1, kMargin_px);  // the grip stays free
  layout->setSpacing(4);
  layout->addLayout(header);
  layout->addWidget(m_thumbnail);
  layout->addWidget(m_meta);
  layout->addWidget(m_excerpt);
  layout->addStretch(1);
  retranslate();
}

void ShotCard::setShot(const model::Shot& shot, int number) {
  m_number = number;
  m_duration_s = shot.duration_s;
  m_seed = shot.seed;
  m_takeCount = static_cast<int>(shot.takes.size());
  m_prompt = shot.prompt.simplified();
  m_titleText = shot.title.isEmpty() ? shot.id : shot.title;
  retranslate();
}

void ShotCard::setSelected(bool selected) {
  if (selected == m_selected) return;
  m_selected = selected;
  update();
}

void ShotCard::setAccent(const QColor& colour) {
  m_accent = colour;
  update();
}

void ShotCard::setRenderState(Freshness freshness, const QImage& thumbnail) {
  m_freshness = freshness;
  m_thumbnailImage = thumbnail;
  retranslate();
}

QString ShotCard::freshnessText() const {
  switch (m_freshness) {
    case Freshness::None: return QString();
    case Freshness::Rendered: return tr("Rendered");
    case Freshness::Stale: return tr("Stale");
    case Freshness::Rendering: return tr("Rendering…");
    case Freshness::Failed: return tr("Failed");
  }
  return QString();
}

QString ShotCard::thumbnailText() const {
  if (m_takeCount == 0) return tr("Not rendered");
  return tr("%n take(s), preview not loaded", nullptr, m_takeCount);
}

QString ShotCard::metaText() const {
  return tr("%1 · %2 s · seed %3").arg(m_shotId, QString::number(m_duration_s, 'f', 1), QString::number(m_seed));
}

bool ShotCard::isOnResizeEdge(const QPoint& localPos) const {
  return localPos.x() >= width() - kEdgeGrip_px && localPos.x() <= width() + 1;
}

void ShotCard::retranslate() {
  const int inner_px = std::max(0, width() - kMargin_px - kEdgeGrip_px - 1);
  m_number_label->setText(tr("#%1").arg(m_number));
  const int titleWidth = std::max(0, inner_px - m_number_label->sizeHint().width() - 4);
  m_title->setText(m_title->fontMetrics().elidedText(m_titleText, Qt::ElideRight, titleWidth));
  if (m_thumbnailImage.isNull()) {
    m_thumbnail->setPixmap(QPixmap());
    m_thumbnail->setText(thumbnailText());
  } else if (inner_px > 4) {
    m_thumbnail->setPixmap(QPixmap::fromImage(m_thumbnailImage.scaled(
        QSize(inner_px - 4, kThumbnailBox_px - 4), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
  }
  m_freshnessLabel->setText(freshnessText());
  m_freshnessLabel->setVisible(m_freshness != Freshness::None && inner_px >= m_freshnessLabel->sizeHint().width());
  m_freshnessLabel->setToolTip(m_freshness == Freshness::Stale
                                   ? tr("The shot was edited after this take was rendered")
                                   : QString());
  static const char* const kColours[] = {"", "#2e9e4f", "#d08a00", "#2f7fd0", "#d03a2f"};
  const char* colour = kColours[static_cast<int>(m_freshness)];
  m_freshnessLabel->setStyleSheet(*colour ? QStringLiteral("color: %1;").arg(QLatin1String(colour)) : QString());
  m_meta->setText(m_meta->fontMetrics().elidedText(metaText(), Qt::ElideRight, inner_px));
  const QString prompt = m_prompt.isEmpty() ? tr("(no prompt yet)") : m_prompt;
  m_excerpt->setText(elideToLines(prompt, m_excerpt->font(), inner_px, kPromptLines));
  m_excerpt->setToolTip(m_prompt);
  setToolTip(tr("%1 — %2 s. Drag to move; drag the right edge to change the duration.")
                 .arg(m_titleText, QString::number(m_duration_s, 'f', 1)));
}

void ShotCard::paintEvent(QPaintEvent* event) {
  Q_UNUSED(event);
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const qreal pen_px = m_selected ? 2.0 : 1.0;
  // One pixel of air on each side so neighbouring clips read apart while their widths stay exact.
  const QRectF box = QRectF(rect()).adjusted(1 + pen_px / 2, pen_px / 2, -1 - pen_px / 2, -pen_px / 2);
  QPainterPath path;
  path.addRoundedRect(box, kCornerRadius_px, kCornerRadius_px);
  painter.setOpacity(isDragging() ? 0.45 : 1.0);
  painter.fillPath(path, palette().color(QPalette::Base));
  if (m_accent.isValid()) {
    painter.save();
    painter.setClipPath(path);
    painter.fillRect(QRectF(box.left(), box.top(), box.width(), 3.0), m_accent);
    painter.restore();
  }
  QPen border(palette().color(m_selected ? QPalette::Highlight : QPalette::Mid), pen_px);
  if (isDragging()) border.setStyle(Qt::DashLine);
  painter.setPen(border);
  painter.drawPath(path);
  // The resize grip: two short lines at the right edge, stronger while the pointer is on it.
  painter.setPen(QPen(palette().color(m_hoverEdge ? QPalette::Highlight : QPalette::Mid), 1.0));
  const qreal x = box.right() - 3.5;
  const qreal mid = box.center().y();
  if (box.width() > 3 * kEdgeGrip_px) {
    painter.drawLine(QPointF(x, mid - 8), QPointF(x, mid + 8));
    painter.drawLine(QPointF(x - 2.5, mid - 8), QPointF(x - 2.5, mid + 8));
  }
}

void ShotCard::resizeEvent(QResizeEvent* event) {
  QFrame::resizeEvent(event);
  retranslate();  // elide to the new width
}

void ShotCard::setHoverEdge(bool hover) {
  if (hover == m_hoverEdge) return;
  m_hoverEdge = hover;
  setCursor(hover ? Qt::SizeHorCursor : Qt::PointingHandCursor);
  update();
}

void ShotCard::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton)
    emit clicked(m_shotId, event->button(), event->modifiers());
  if (event->button() == Qt::LeftButton) {
    m_pressPos = event->position().toPoint();
    m_pressWidth_px = width();
    m_gesture = isOnResizeEdge(m_pressPos) ? Gesture::Resize : Gesture::Pending;
    if (m_gesture == Gesture::Resize) emit resizeStarted(m_shotId);
  }
  event->accept();
}

void ShotCard::mouseMoveEvent(QMouseEvent* event) {
  const QPoint pos = event->position().toPoint();
  if (!(event->buttons() & Qt::LeftButton) || m_gesture == Gesture::None) {
    setHoverEdge(isOnResizeEdge(pos));
    return;
  }
  switch (m_gesture) {
    case Gesture::Resize:
      emit resizeDragged(m_shotId, std::max(1, pos.x() + (m_pressWidth_px - m_pressPos.x())));
      break;
    case Gesture::Pending:
      if ((pos - m_pressPos).manhattanLength() < QApplication::startDragDistance()) break;
      m_gesture = Gesture::Move;
      update();
      emit moveDragged(m_shotId, event->globalPosition().toPoint());
      break;
    case Gesture::Move: emit moveDragged(m_shotId, event->globalPosition().toPoint()); break;
    case Gesture::None: break;
  }
  event->accept();
}

void ShotCard::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QFrame::mouseReleaseEvent(event);
  const Gesture gesture = m_gesture;
  m_gesture = Gesture::None;
  if (gesture == Gesture::Move) {
    update();
    emit moveDropped(m_shotId, event->globalPosition().toPoint());  // may rebuild the clips (deleteLater)
  } else if (gesture == Gesture::Resize) {
    emit resizeFinished(m_shotId);
  }
  event->accept();
}

void ShotCard::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape && m_gesture == Gesture::Move) {
    m_gesture = Gesture::None;
    update();
    emit moveCancelled(m_shotId);
    event->accept();
    return;
  }
  QFrame::keyPressEvent(event);
}

void ShotCard::leaveEvent(QEvent* event) {
  setHoverEdge(false);
  QFrame::leaveEvent(event);
}

void ShotCard::contextMenuEvent(QContextMenuEvent* event) {
  emit contextMenuRequested(m_shotId, event->globalPos());
  event->accept();
}

void ShotCard::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QFrame::changeEvent(event);
}

}  // namespace shotcraft::ui
