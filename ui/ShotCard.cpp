#include "ui/ShotCard.h"

#include <QContextMenuEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <algorithm>
#include <cmath>
#include <QVBoxLayout>

#include "core/model/Shot.h"

namespace shotcraft::ui {

namespace {
constexpr int kPromptLines = 3;
constexpr double kCornerRadius_px = 6.0;

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
  setFixedWidth(kWidth_px);
  setCursor(Qt::PointingHandCursor);
  setFocusPolicy(Qt::ClickFocus);

  QFont bold = font();
  bold.setBold(true);
  m_title->setFont(bold);
  m_number_label->setForegroundRole(QPalette::PlaceholderText);

  m_thumbnail->setFixedHeight(kThumbnailHeight_px);
  m_thumbnail->setAlignment(Qt::AlignCenter);
  m_thumbnail->setAutoFillBackground(true);
  m_thumbnail->setBackgroundRole(QPalette::AlternateBase);
  m_thumbnail->setForegroundRole(QPalette::PlaceholderText);
  m_thumbnail->setFrameShape(QFrame::StyledPanel);
  m_thumbnail->setObjectName(QStringLiteral("thumbnail"));

  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  m_meta->setFont(small);
  m_meta->setForegroundRole(QPalette::PlaceholderText);
  m_excerpt->setFont(small);
  m_excerpt->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  m_excerpt->setTextFormat(Qt::PlainText);
  m_excerpt->setFixedHeight(lineHeight_px(small) * kPromptLines + 2);

  auto* header = new QHBoxLayout;
  header->setSpacing(6);
  header->addWidget(m_number_label);
  header->addWidget(m_title, 1);
  m_freshnessLabel->setObjectName(QStringLiteral("freshness"));
  m_freshnessLabel->setFont(small);
  m_freshnessLabel->setAutoFillBackground(true);
  m_freshnessLabel->setBackgroundRole(QPalette::Base);
  m_freshnessLabel->setMargin(2);
  auto* overlay = new QHBoxLayout(m_thumbnail);
  overlay->setContentsMargins(4, 4, 4, 4);
  overlay->addStretch(1);
  overlay->addWidget(m_freshnessLabel, 0, Qt::AlignTop);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 8);
  layout->setSpacing(5);
  layout->addLayout(header);
  layout->addWidget(m_thumbnail);
  layout->addWidget(m_meta);
  layout->addWidget(m_excerpt);
  retranslate();
}

void ShotCard::setShot(const model::Shot& shot, int number) {
  m_number = number;
  m_duration_s = shot.duration_s;
  m_seed = shot.seed;
  m_takeCount = static_cast<int>(shot.takes.size());
  m_prompt = shot.prompt.simplified();
  const int titleWidth = kWidth_px - 16 - m_number_label->sizeHint().width() - 12;
  const QString title = shot.title.isEmpty() ? shot.id : shot.title;
  m_title->setText(m_title->fontMetrics().elidedText(title, Qt::ElideRight, titleWidth));
  m_title->setToolTip(title);
  retranslate();
}

void ShotCard::setSelected(bool selected) {
  if (selected == m_selected) return;
  m_selected = selected;
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

void ShotCard::retranslate() {
  m_number_label->setText(tr("#%1").arg(m_number));
  if (m_thumbnailImage.isNull()) {
    m_thumbnail->setPixmap(QPixmap());
    m_thumbnail->setText(thumbnailText());
  } else {
    m_thumbnail->setPixmap(QPixmap::fromImage(m_thumbnailImage.scaled(
        QSize(kWidth_px - 20, kThumbnailHeight_px - 4), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
  }
  m_freshnessLabel->setText(freshnessText());
  m_freshnessLabel->setVisible(m_freshness != Freshness::None);
  m_freshnessLabel->setToolTip(m_freshness == Freshness::Stale
                                   ? tr("The shot was edited after this take was rendered")
                                   : QString());
  static const char* const kColours[] = {"", "#2e9e4f", "#d08a00", "#2f7fd0", "#d03a2f"};
  const char* colour = kColours[static_cast<int>(m_freshness)];
  m_freshnessLabel->setStyleSheet(*colour ? QStringLiteral("color: %1;").arg(QLatin1String(colour)) : QString());
  m_meta->setText(metaText());
  const QString prompt = m_prompt.isEmpty() ? tr("(no prompt yet)") : m_prompt;
  m_excerpt->setText(elideToLines(prompt, m_excerpt->font(), kWidth_px - 18, kPromptLines));
  m_excerpt->setToolTip(m_prompt);
}

void ShotCard::paintEvent(QPaintEvent* event) {
  Q_UNUSED(event);
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const qreal pen_px = m_selected ? 2.0 : 1.0;
  const QRectF box = QRectF(rect()).adjusted(pen_px / 2, pen_px / 2, -pen_px / 2, -pen_px / 2);
  QPainterPath path;
  path.addRoundedRect(box, kCornerRadius_px, kCornerRadius_px);
  painter.fillPath(path, palette().color(QPalette::Base));
  painter.setPen(QPen(palette().color(m_selected ? QPalette::Highlight : QPalette::Mid), pen_px));
  painter.drawPath(path);
}

void ShotCard::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton) emit clicked(m_shotId);
  QFrame::mousePressEvent(event);
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
