#include "ui/ShotPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/model/Limits.h"
#include "ui/PanelPages.h"
#include "ui/ProjectDocument.h"
#include "ui/PromptEditor.h"

namespace shotcraft::ui {

namespace limits = model::limits;

namespace {

// Sampler ids the engine knows, with the names people know them by (not translated).
const std::pair<const char*, const char*> kSamplers[] = {
    {"euler_a", "Euler a"}, {"euler", "Euler"},   {"heun", "Heun"},         {"ddim", "DDIM"},
    {"dpmpp_2m", "DPM++ 2M"}, {"dpmpp_2m_karras", "DPM++ 2M Karras"}, {"lcm", "LCM"},
};

QFormLayout* makeForm(QGroupBox* group) {
  auto* form = new QFormLayout(group);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
  form->setRowWrapPolicy(QFormLayout::DontWrapRows);
  return form;
}

}  // namespace

ShotPanel::ShotPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_pages(new QStackedWidget(this)), m_emptyHint(new QLabel(this)) {
  setObjectName(QStringLiteral("ShotPanel"));
  panel::installPages(this, m_pages, m_emptyHint, buildForm());
  connectEditors();

  connect(m_document, &ProjectDocument::shotChanged, this, [this](const QString& id) {
    if (id == m_shotId) refresh();
  });
  connect(m_document, &ProjectDocument::structureChanged, this, &ShotPanel::refresh);
  connect(m_document, &ProjectDocument::projectReset, this, [this] { setShot(QString()); });
  retranslate();
  refresh();
}

QWidget* ShotPanel::buildForm() {
  const panel::ScrollPage scroll = panel::makeScrollPage(this);
  QWidget* page = scroll.page;
  QVBoxLayout* layout = scroll.layout;
  m_heading = panel::addHeading(page, layout, 1.1);

  m_contentGroup = new QGroupBox(page);
  auto* content = makeForm(m_contentGroup);
  m_titleLabel = new QLabel(m_contentGroup);
  m_title = new QLineEdit(m_contentGroup);
  m_title->setObjectName(QStringLiteral("shotTitle"));
  m_promptLabel = new QLabel(m_contentGroup);
  m_promptEditor = new PromptEditor(6, true, m_contentGroup);  // highlighting, token counter, history
  m_prompt = m_promptEditor->editor();
  m_prompt->setObjectName(QStringLiteral("shotPrompt"));
  m_negativeLabel = new QLabel(m_contentGroup);
  m_negativeEditor = new PromptEditor(3, false, m_contentGroup);
  m_negative = m_negativeEditor->editor();
  m_negative->setObjectName(QStringLiteral("shotNegativePrompt"));
  content->addRow(m_titleLabel, m_title);
  content->addRow(m_promptLabel, m_promptEditor);
  content->addRow(m_negativeLabel, m_negativeEditor);
  layout->addWidget(m_contentGroup);

  m_timingGroup = new QGroupBox(page);
  auto* timing = makeForm(m_timingGroup);
  m_durationLabel = new QLabel(m_timingGroup);
  m_duration = new QDoubleSpinBox(m_timingGroup);
  m_duration->setObjectName(QStringLiteral("shotDuration"));
  m_duration->setRange(0.1, limits::kMaxShotDuration_s);
  m_duration->setDecimals(2);
  m_duration->setSingleStep(0.5);
  m_fpsLabel = new QLabel(m_timingGroup);
  m_fps = new QSpinBox(m_timingGroup);
  m_fps->setObjectName(QStringLiteral("shotFps"));
  m_fps->setRange(limits::kMinFps, limits::kMaxFps);
  timing->addRow(m_durationLabel, m_duration);
  timing->addRow(m_fpsLabel, m_fps);
  layout->addWidget(m_timingGroup);

  m_generationGroup = new QGroupBox(page);
  auto* generation = makeForm(m_generationGroup);
  m_seedLabel = new QLabel(m_generationGroup);
  m_seed = new QDoubleSpinBox(m_generationGroup);  // a double holds every seed up to 2^53 - 1 exactly
  m_seed->setObjectName(QStringLiteral("shotSeed"));
  m_seed->setDecimals(0);
  m_seed->setRange(0, static_cast<double>(limits::kMaxSeed));
  m_randomSeed = new QToolButton(m_generationGroup);
  m_randomSeed->setObjectName(QStringLiteral("randomSeed"));
  auto* seedRow = new QHBoxLayout;
  seedRow->setContentsMargins(0, 0, 0, 0);
  seedRow->addWidget(m_seed, 1);
  seedRow->addWidget(m_randomSeed);
  m_seedLock = new QToolButton(m_generationGroup);  // locked: renders keep the seed; unlocked: a new one each time
  m_seedLock->setObjectName(QStringLiteral("seedLock"));
  m_seedLock->setCheckable(true);
  m_seedLock->setChecked(true);
  seedRow->addWidget(m_seedLock);
  m_samplerLabel = new QLabel(m_generationGroup);
  m_sampler = new QComboBox(m_generationGroup);
  m_sampler->setObjectName(QStringLiteral("shotSampler"));
  for (const auto& [id, label] : kSamplers) m_sampler->addItem(QString::fromLatin1(label), QString::fromLatin1(id));
  m_stepsLabel = new QLabel(m_generationGroup);
  m_steps = new QSpinBox(m_generationGroup);
  m_steps->setObjectName(QStringLiteral("shotSteps"));
  m_steps->setRange(limits::kMinSteps, limits::kMaxSteps);
  m_cfgLabel = new QLabel(m_generationGroup);
  m_cfg = new QDoubleSpinBox(m_generationGroup);
  m_cfg->setObjectName(QStringLiteral("shotCfg"));
  m_cfg->setRange(0.0, limits::kMaxCfg);
  m_cfg->setDecimals(1);
  m_cfg->setSingleStep(0.5);
  generation->addRow(m_seedLabel, seedRow);
  generation->addRow(m_samplerLabel, m_sampler);
  generation->addRow(m_stepsLabel, m_steps);
  generation->addRow(m_cfgLabel, m_cfg);
  m_cadenceLabel = new QLabel(m_generationGroup);
  m_cadence = new QSpinBox(m_generationGroup);
  m_cadence->setObjectName(QStringLiteral("shotCadence"));
  m_cadence->setRange(0, limits::kMaxCadenceFrames);
  generation->addRow(m_cadenceLabel, m_cadence);
  layout->addWidget(m_generationGroup);

  m_error = new QLabel(page);
  m_error->setObjectName(QStringLiteral("shotError"));
  m_error->setWordWrap(true);
  m_error->setForegroundRole(QPalette::BrightText);
  m_error->hide();
  layout->addWidget(m_error);
  layout->addStretch(1);

  for (QAbstractSpinBox* spin : std::initializer_list<QAbstractSpinBox*>{m_duration, m_fps, m_seed, m_steps, m_cfg, m_cadence})
    spin->setKeyboardTracking(false);  // one edit per committed value, not per keystroke
  return scroll.scroll;
}

void ShotPanel::retranslate() {
  m_emptyHint->setText(tr("Select a shot on the storyboard to edit it here."));
  m_contentGroup->setTitle(tr("Content"));
  m_timingGroup->setTitle(tr("Timing"));
  m_generationGroup->setTitle(tr("Generation"));
  m_titleLabel->setText(tr("&Title:"));
  m_titleLabel->setBuddy(m_title);
  m_promptLabel->setText(tr("&Prompt:"));
  m_promptLabel->setBuddy(m_prompt);
  m_negativeLabel->setText(tr("&Negative:"));
  m_negativeLabel->setBuddy(m_negative);
  m_title->setPlaceholderText(tr("Shot title"));
  m_prompt->setPlaceholderText(tr("What the shot shows: subject, setting, light, lens, mood"));
  m_negative->setPlaceholderText(tr("What to keep out of the picture"));
  m_durationLabel->setText(tr("&Duration:"));
  m_durationLabel->setBuddy(m_duration);
  m_duration->setSuffix(tr(" s"));
  m_fpsLabel->setText(tr("&Frame rate:"));
  m_fpsLabel->setBuddy(m_fps);
  m_fps->setSuffix(tr(" fps"));
  m_seedLabel->setText(tr("S&eed:"));
  m_seedLabel->setBuddy(m_seed);
  m_randomSeed->setText(tr("Random"));
  m_randomSeed->setToolTip(tr("Pick a new random seed"));
  m_seedLock->setText(m_seedLock->isChecked() ? tr("Locked") : tr("Unlocked"));
  m_seedLock->setToolTip(tr("Locked: renders keep this seed. Unlocked: each render picks a new seed."));
  m_samplerLabel->setText(tr("Sa&mpler:"));
  m_samplerLabel->setBuddy(m_sampler);
  m_stepsLabel->setText(tr("&Steps:"));
  m_stepsLabel->setBuddy(m_steps);
  m_cfgLabel->setText(tr("&CFG scale:"));
  m_cfgLabel->setBuddy(m_cfg);
  m_cfg->setToolTip(tr("How closely the picture follows the prompt"));
  m_cadenceLabel->setText(tr("&Keyframe every:"));
  m_cadenceLabel->setBuddy(m_cadence);
  m_cadence->setSpecialValueText(tr("Render default"));
  m_cadence->setSuffix(tr(" frames"));
  m_cadence->setToolTip(tr("The engine draws every N-th frame; optical flow fills the frames between"));
  refresh();
}

void ShotPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
