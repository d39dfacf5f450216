#include "ui/ActRow.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/model/Act.h"
#include "ui/ShotCard.h"
#include "ui/TimelineGeometry.h"

namespace shotcraft::ui {

namespace {
constexpr int kAccentWidth_px = 4;
constexpr int kLanePadding_px = 4;
constexpr int kHeaderTop_px = 6;
constexpr int kHeaderGap_px = 4;
}  // namespace

QColor ActRow::accentColor(int act) {
  switch (act) {
    case 0: return {0x4c, 0x8b, 0xf5};
    case 1: return {0xe8, 0x9a, 0x3c};
    default: return {0x3f, 0xb5, 0x7f};
  }
}

ActRow::ActRow(int act, QWidget* parent)
    : QWidget(parent),
      m_act(act),
      m_header(new QWidget(this)),
      m_badge(new QLabel(m_header)),
      m_titleEdit(new QLineEdit(m_header)),
      m_stats(new QLabel(m_header)),
      m_addButton(new QToolButton(m_header)),
      m_lane(new QWidget(this)),
      m_emptyHint(new QLabel(m_lane)) {
  setObjectName(QStringLiteral("ActRow_%1").arg(act + 1));
  QFont badgeFont = font();
  badgeFont.setBold(true);
  badgeFont.setCapitalization(QFont::AllUppercase);
  badgeFont.setLetterSpacing(QFont::PercentageSpacing, 108);
  m_badge->setFont(badgeFont);
  QPalette badgePalette = m_badge->palette();
  badgePalette.setColor(QPalette::WindowText, accentColor(act));
  m_badge->setPalette(badgePalette);

  QFont titleFont = font();
  titleFont.setBold(true);
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
  m_titleEdit->setFont(titleFont);
  m_titleEdit->setFrame(false);
  m_titleEdit->setStyleSheet(QStringLiteral("QLineEdit { background: transparent; }"));  // reads as a heading
  m_titleEdit->setObjectName(QStringLiteral("actTitle"));
  m_stats->setForegroundRole(QPalette::PlaceholderText);
  m_addButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_addButton->setAutoRaise(true);
  m_addButton->setObjectName(QStringLiteral("addShotButton"));

  auto* header = new QHBoxLayout(m_header);  // placed by hand (placeHeader) so it can stay in view
  header->setContentsMargins(0, 0, 0, 0);
  header->setSpacing(10);
  header->addWidget(m_badge);
  header->addWidget(m_titleEdit);
  header->addWidget(m_stats);
  header->addWidget(m_addButton);

  m_lane->setObjectName(QStringLiteral("lane"));
  m_lane->setFixedHeight(ShotCard::kHeight_px + 2 * kLanePadding_px);
  m_lane->installEventFilter(this);
  m_emptyHint->setForegroundRole(QPalette::PlaceholderText);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(timeline::kBandInset_px, kHeaderTop_px, 12, 6);  // the top grows by the header
  layout->setSpacing(0);
  layout->addWidget(m_lane);
  setAutoFillBackground(false);

  connect(m_titleEdit, &QLineEdit::textChanged, this, &ActRow::fitTitleWidth);
  connect(m_titleEdit, &QLineEdit::textEdited, this, [this](const QString& text) { emit titleEdited(m_act, text); });
  connect(m_addButton, &QToolButton::clicked, this, [this] { emit addShotClicked(m_act); });
  retranslate();
}

void ActRow::setAct(const model::Act& act, int firstNumber) {
  for (ShotCard* old : m_cards) {  // deleted later: this may run inside one of the clip's own event handlers
    old->hide();
    old->deleteLater();
  }
  m_cards.clear();
  int number = firstNumber;
  for (const model::Shot& shot : act.shots) {
    auto* card = new ShotCard(shot.id, m_lane);
    card->setShot(shot, number++);
    card->setAccent(accentColor(m_act));
    m_cards.push_back(card);
    emit cardCreated(card);
    card->show();
  }
  m_emptyHint->setVisible(m_cards.empty());
  updateHeader(act);
  layoutClips(m_start_s, m_pixelsPerSecond);
}

void ActRow::layoutClips(double actStart_s, double pixelsPerSecond) {
  m_start_s = actStart_s;
  m_pixelsPerSecond = pixelsPerSecond;
  double t = actStart_s;
  for (ShotCard* card : m_cards) {
    const int left = laneX(t);
    t += card->duration_s();
    const int width = std::max(ShotCard::kMinWidth_px, laneX(t) - left);  // edges of neighbours coincide
    card->setGeometry(left, kLanePadding_px, width, ShotCard::kHeight_px);
  }
  const QSize hint = m_emptyHint->sizeHint();
  m_emptyHint->setGeometry(laneX(actStart_s) + 8, (m_lane->height() - hint.height()) / 2, hint.width(),
                           hint.height());
  m_lane->update();
}

int ActRow::laneX(double time_s) const { return static_cast<int>(std::lround(time_s * m_pixelsPerSecond)); }

void ActRow::fitTitleWidth() {
  const QString text = m_titleEdit->text().isEmpty() ? m_titleEdit->placeholderText() : m_titleEdit->text();
  const int wanted_px = m_titleEdit->fontMetrics().horizontalAdvance(text) + 24;
  m_titleEdit->setFixedWidth(std::clamp(wanted_px, 160, 560));
  placeHeader();
}

void ActRow::updateShot(const model::Shot& shot, int number) {
  if (ShotCard* c = card(shot.id)) c->setShot(shot, number);
}

void ActRow::updateHeader(const model::Act& act) {
  if (m_titleEdit->text() != act.title) m_titleEdit->setText(act.title);
  m_shotCount = static_cast<int>(act.shots.size());
  m_duration_s = act.duration_s();
  retranslate();
}

void ActRow::setSelection(const QStringList& shotIds) {
  for (ShotCard* c : m_cards) c->setSelected(shotIds.contains(c->shotId()));
}

ShotCard* ActRow::card(const QString& shotId) const {
  for (ShotCard* c : m_cards)
    if (c->shotId() == shotId) return c;
  return nullptr;
}

int ActRow::dropRow(int x, const QString& movingShot, int* gapX) const {
  int row = 0;
  int gap = laneX(m_start_s);
  bool first = true;
  for (ShotCard* c : m_cards) {
    if (c->shotId() == movingShot) continue;
    const QRect g = c->geometry();
    if (first) gap = g.left();
    first = false;
    if (x < g.center().x()) break;
    ++row;
    gap = g.left() + g.width();
  }
  if (gapX != nullptr) *gapX = gap;
  return row;
}

void ActRow::retranslate() {
  m_badge->setText(tr("Act %1").arg(m_act + 1));
  m_titleEdit->setPlaceholderText(tr("Act title"));
  m_titleEdit->setToolTip(tr("Rename this act"));
  m_stats->setText(tr("%n shot(s) · %1 s", nullptr, m_shotCount).arg(QString::number(m_duration_s, 'f', 1)));
  m_addButton->setText(tr("+ Add Shot"));
  m_addButton->setToolTip(tr("Add a shot at the end of this act"));
  m_emptyHint->setText(tr("No shots in this act yet. Use \"Add Shot\" to start one."));
  m_emptyHint->adjustSize();
  fitTitleWidth();
  placeHeader();
}

void ActRow::setHeaderOffset(int px) {
  if (px == m_headerOffset_px) return;
  m_headerOffset_px = px;
  placeHeader();
  m_lane->update();
}

void ActRow::placeHeader() {
  const QSize hint = m_header->sizeHint();
  const int room_px = std::max(0, width() - hint.width() - timeline::kBandInset_px - 12);
  m_header->setGeometry(timeline::kBandInset_px + std::clamp(m_headerOffset_px, 0, room_px), kHeaderTop_px,
                        hint.width(), hint.height());
  if (QLayout* band = layout()) {
    const QMargins margins = band->contentsMargins();
    const int top_px = kHeaderTop_px + hint.height() + kHeaderGap_px;
    if (margins.top() != top_px) band->setContentsMargins(margins.left(), top_px, margins.right(), margins.bottom());
  }
}

void ActRow::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  placeHeader();
}

void ActRow::paintEvent(QPaintEvent* event) {
  Q_UNUSED(event);
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QRectF band = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
  painter.setPen(QPen(palette().color(QPalette::Midlight), 1.0));
  painter.setBrush(palette().color(QPalette::AlternateBase));
  painter.drawRoundedRect(band, 6.0, 6.0);
  painter.setPen(Qt::NoPen);
  painter.setBrush(accentColor(m_act));
  painter.drawRoundedRect(QRectF(0, 0, kAccentWidth_px + 2, height()), 3.0, 3.0);
}

// The lane: the act's stretch of time tinted in its colour, with its start marked, under the clips.
void ActRow::paintLane() {
  QPainter painter(m_lane);
  QColor tint = accentColor(m_act);
  const int start = laneX(m_start_s);
  const int end = laneX(m_start_s + m_duration_s);
  painter.setPen(Qt::NoPen);
  tint.setAlpha(40);
  painter.fillRect(QRect(start, 0, std::max(0, end - start), m_lane->height()), tint);
  tint.setAlpha(200);
  painter.fillRect(QRect(start, 0, 2, m_lane->height()), tint);
  QPen dotted(palette().color(QPalette::Mid), 1.0, Qt::DotLine);
  painter.setPen(dotted);
  const int mid = m_lane->height() / 2;
  if (start <= 0) return;
  painter.drawLine(0, mid, start, mid);  // before the act begins
  // Where the act's clips are when they are off to the right of the header.
  const int seconds = static_cast<int>(std::floor(m_start_s));
  const QString text = tr("Act %1 starts at %2:%3 →")
                           .arg(m_act + 1)
                           .arg(seconds / 60)
                           .arg(seconds % 60, 2, 10, QLatin1Char('0'));
  const int x = std::max(0, m_headerOffset_px) + 8;
  const QRect box = painter.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3);
  if (x + box.width() + 16 > start) return;
  const QRect where = box.translated(x - box.left(), mid - box.center().y());
  painter.fillRect(where, palette().color(QPalette::AlternateBase));
  painter.setPen(palette().color(QPalette::PlaceholderText));
  painter.drawText(where, Qt::AlignCenter, text);
}

bool ActRow::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_lane && event->type() == QEvent::Paint) {
    paintLane();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void ActRow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
