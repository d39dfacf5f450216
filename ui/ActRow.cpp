#include "ui/ActRow.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "core/model/Act.h"
#include "ui/ShotCard.h"

namespace shotcraft::ui {

namespace {
constexpr int kAccentWidth_px = 4;

QColor accentColor(int act) {
  switch (act) {
    case 0: return {0x4c, 0x8b, 0xf5};
    case 1: return {0xe8, 0x9a, 0x3c};
    default: return {0x3f, 0xb5, 0x7f};
  }
}
}  // namespace

ActRow::ActRow(int act, QWidget* parent)
    : QWidget(parent),
      m_act(act),
      m_badge(new QLabel(this)),
      m_titleEdit(new QLineEdit(this)),
      m_stats(new QLabel(this)),
      m_addButton(new QToolButton(this)),
      m_strip(new QScrollArea(this)),
      m_stripContent(new QWidget(m_strip)),
      m_cardLayout(new QHBoxLayout(m_stripContent)),
      m_emptyHint(new QLabel(m_stripContent)) {
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

  auto* header = new QHBoxLayout;
  header->setSpacing(10);
  header->addWidget(m_badge);
  header->addWidget(m_titleEdit);
  header->addWidget(m_stats);
  header->addStretch(1);
  header->addWidget(m_addButton);

  m_cardLayout->setContentsMargins(0, 2, 0, 6);
  m_cardLayout->setSpacing(10);
  m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
  m_cardLayout->addWidget(m_emptyHint);
  m_cardLayout->addStretch(1);
  m_strip->setWidget(m_stripContent);
  m_strip->setWidgetResizable(true);
  m_strip->setFrameShape(QFrame::NoFrame);
  m_strip->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_strip->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  m_strip->viewport()->setAutoFillBackground(false);
  m_stripContent->setAutoFillBackground(false);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(kAccentWidth_px + 12, 8, 12, 4);
  layout->setSpacing(6);
  layout->addLayout(header);
  layout->addWidget(m_strip);
  setAutoFillBackground(false);

  connect(m_titleEdit, &QLineEdit::textChanged, this, &ActRow::fitTitleWidth);
  connect(m_titleEdit, &QLineEdit::textEdited, this, [this](const QString& text) { emit titleEdited(m_act, text); });
  connect(m_addButton, &QToolButton::clicked, this, [this] { emit addShotClicked(m_act); });
  retranslate();
}

void ActRow::setAct(const model::Act& act, int firstNumber, const QString& selectedShot) {
  for (ShotCard* old : m_cards) {  // deleted later: this may run inside one of the card's own event handlers
    m_cardLayout->removeWidget(old);
    old->hide();
    old->deleteLater();
  }
  m_cards.clear();
  int number = firstNumber;
  for (const model::Shot& shot : act.shots) {
    auto* card = new ShotCard(shot.id, m_stripContent);
    card->setShot(shot, number++);
    card->setSelected(shot.id == selectedShot);
    connect(card, &ShotCard::clicked, this, &ActRow::cardClicked);
    connect(card, &ShotCard::contextMenuRequested, this, &ActRow::cardContextMenu);
    m_cardLayout->insertWidget(static_cast<int>(m_cards.size()), card);
    m_cards.push_back(card);
  }
  m_emptyHint->setVisible(m_cards.empty());
  int stripHeight = m_emptyHint->sizeHint().height() + 12;
  if (!m_cards.empty()) stripHeight = m_cards.front()->sizeHint().height() + 8;
  m_strip->setFixedHeight(stripHeight + m_strip->horizontalScrollBar()->sizeHint().height());
  updateHeader(act);
}

void ActRow::fitTitleWidth() {
  const QString text = m_titleEdit->text().isEmpty() ? m_titleEdit->placeholderText() : m_titleEdit->text();
  const int wanted_px = m_titleEdit->fontMetrics().horizontalAdvance(text) + 24;
  m_titleEdit->setFixedWidth(std::clamp(wanted_px, 160, 560));
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

void ActRow::setSelectedShot(const QString& shotId) {
  for (ShotCard* c : m_cards) c->setSelected(c->shotId() == shotId);
}

ShotCard* ActRow::card(const QString& shotId) const {
  for (ShotCard* c : m_cards)
    if (c->shotId() == shotId) return c;
  return nullptr;
}

void ActRow::ensureVisible(const QString& shotId) {
  if (ShotCard* c = card(shotId)) m_strip->ensureWidgetVisible(c, 16, 0);
}

void ActRow::retranslate() {
  m_badge->setText(tr("Act %1").arg(m_act + 1));
  m_titleEdit->setPlaceholderText(tr("Act title"));
  m_titleEdit->setToolTip(tr("Rename this act"));
  m_stats->setText(tr("%n shot(s) · %1 s", nullptr, m_shotCount).arg(QString::number(m_duration_s, 'f', 1)));
  m_addButton->setText(tr("+ Add Shot"));
  m_addButton->setToolTip(tr("Add a shot at the end of this act"));
  m_emptyHint->setText(tr("No shots in this act yet. Use \"Add Shot\" to start one."));
  fitTitleWidth();
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

void ActRow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
