#include "ui/BriefPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "core/model/Limits.h"
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

using model::VideoType;

namespace {
const VideoType kVideoTypes[] = {VideoType::Promo, VideoType::MicroFilm, VideoType::VfxShort, VideoType::Other};

QStringList linesOf(const QString& text) {
  QStringList lines;
  for (const QString& line : text.split(QLatin1Char('\n'))) {
    const QString trimmed = line.trimmed();
    if (!trimmed.isEmpty()) lines << trimmed;
  }
  return lines;
}
}  // namespace

BriefPanel::BriefPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_titleLabel(new QLabel(this)),
      m_videoTypeLabel(new QLabel(this)),
      m_audienceLabel(new QLabel(this)),
      m_sellingPointsLabel(new QLabel(this)),
      m_targetDurationLabel(new QLabel(this)),
      m_title(new QLineEdit(this)),
      m_videoType(new QComboBox(this)),
      m_audience(new QLineEdit(this)),
      m_sellingPoints(new QPlainTextEdit(this)),
      m_targetDuration(new QDoubleSpinBox(this)),
      m_error(new QLabel(this)) {
  setObjectName(QStringLiteral("BriefPanel"));
  m_title->setObjectName(QStringLiteral("briefTitle"));
  m_videoType->setObjectName(QStringLiteral("briefVideoType"));
  for (VideoType type : kVideoTypes) m_videoType->addItem(QString(), static_cast<int>(type));
  m_audience->setObjectName(QStringLiteral("briefAudience"));
  m_sellingPoints->setObjectName(QStringLiteral("briefSellingPoints"));
  m_sellingPoints->setTabChangesFocus(true);
  m_sellingPoints->setFixedHeight(m_sellingPoints->fontMetrics().lineSpacing() * 4 + 14);
  m_targetDuration->setObjectName(QStringLiteral("briefTargetDuration"));
  m_targetDuration->setRange(0.0, model::limits::kMaxTargetDuration_s);
  m_targetDuration->setDecimals(1);
  m_targetDuration->setSingleStep(5.0);
  m_targetDuration->setKeyboardTracking(false);
  m_error->setWordWrap(true);
  m_error->setForegroundRole(QPalette::BrightText);
  m_error->hide();

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
  form->addRow(m_titleLabel, m_title);
  form->addRow(m_videoTypeLabel, m_videoType);
  form->addRow(m_audienceLabel, m_audience);
  form->addRow(m_sellingPointsLabel, m_sellingPoints);
  form->addRow(m_targetDurationLabel, m_targetDuration);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 8, 10, 10);
  layout->addLayout(form);
  layout->addWidget(m_error);
  layout->addStretch(1);

  connectEditors();
  connect(m_document, &ProjectDocument::briefChanged, this, &BriefPanel::refresh);
  connect(m_document, &ProjectDocument::projectReset, this, [this] {
    report(true, {});
    refresh();
  });
  retranslate();
}

void BriefPanel::connectEditors() {
  // Each editor changes one field of a copy of the current brief.
  auto apply = [this](const QString& field, auto change) {
    model::Brief brief = m_document->project().brief();
    change(brief);
    QString error;
    report(m_document->setBrief(brief, field, &error), error);
  };
  connect(m_title, &QLineEdit::textEdited, this, [this, apply](const QString& text) {
    apply(QStringLiteral("title"), [&](model::Brief& b) { b.title = text; });
  });
  connect(m_videoType, &QComboBox::currentIndexChanged, this, [this, apply](int index) {
    if (index < 0) return;
    const auto type = static_cast<VideoType>(m_videoType->itemData(index).toInt());
    apply(QStringLiteral("video_type"), [&](model::Brief& b) { b.video_type = type; });
  });
  connect(m_audience, &QLineEdit::textEdited, this, [this, apply](const QString& text) {
    apply(QStringLiteral("audience"), [&](model::Brief& b) { b.audience = text; });
  });
  connect(m_sellingPoints, &QPlainTextEdit::textChanged, this, [this, apply] {
    const QStringList points = linesOf(m_sellingPoints->toPlainText());
    apply(QStringLiteral("selling_points"), [&](model::Brief& b) { b.selling_points = points; });
  });
  connect(m_targetDuration, &QDoubleSpinBox::valueChanged, this, [this, apply](double value) {
    apply(QStringLiteral("target_duration"), [&](model::Brief& b) { b.target_duration_s = value; });
  });
  for (QLineEdit* edit : {m_title, m_audience})
    connect(edit, &QLineEdit::editingFinished, this, &BriefPanel::refresh);  // drop text the model refused
}

QString BriefPanel::lastError() const { return m_error->isHidden() ? QString() : m_error->text(); }

void BriefPanel::report(bool ok, const QString& error) {
  m_error->setText(ok ? QString() : tr("Not applied: %1").arg(error));
  m_error->setVisible(!ok);
}

void BriefPanel::refresh() {
  const model::Brief& brief = m_document->project().brief();
  if (m_title->text() != brief.title) {
    const QSignalBlocker block(m_title);
    m_title->setText(brief.title);
    m_title->setCursorPosition(0);  // show the start of a long text
  }
  if (m_audience->text() != brief.audience) {
    const QSignalBlocker block(m_audience);
    m_audience->setText(brief.audience);
    m_audience->setCursorPosition(0);
  }
  // Compare as lists so blank lines being typed are not wiped out.
  if (linesOf(m_sellingPoints->toPlainText()) != brief.selling_points) {
    const QSignalBlocker block(m_sellingPoints);
    m_sellingPoints->setPlainText(brief.selling_points.join(QLatin1Char('\n')));
  }
  {
    const QSignalBlocker block(m_videoType);
    m_videoType->setCurrentIndex(m_videoType->findData(static_cast<int>(brief.video_type)));
  }
  const QSignalBlocker block(m_targetDuration);
  m_targetDuration->setValue(brief.target_duration_s);
}

void BriefPanel::retranslate() {
  m_titleLabel->setText(tr("&Title:"));
  m_titleLabel->setBuddy(m_title);
  m_videoTypeLabel->setText(tr("&Video type:"));
  m_videoTypeLabel->setBuddy(m_videoType);
  m_audienceLabel->setText(tr("&Audience:"));
  m_audienceLabel->setBuddy(m_audience);
  m_sellingPointsLabel->setText(tr("&Selling points:"));
  m_sellingPointsLabel->setBuddy(m_sellingPoints);
  m_targetDurationLabel->setText(tr("Target &length:"));
  m_targetDurationLabel->setBuddy(m_targetDuration);
  m_title->setPlaceholderText(tr("Working title of the video"));
  m_audience->setPlaceholderText(tr("Who it is for"));
  m_sellingPoints->setPlaceholderText(tr("One selling point per line"));
  m_targetDuration->setSuffix(tr(" s"));
  m_targetDuration->setSpecialValueText(tr("Not set"));
  const QString typeNames[] = {tr("Promo"), tr("Micro-film"), tr("VFX short"), tr("Other")};
  for (int i = 0; i < m_videoType->count(); ++i) m_videoType->setItemText(i, typeNames[i]);
  refresh();
}

void BriefPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
