#include "ui/SettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/cli/EngineOptionsCli.h"
#include "ui/Translations.h"

namespace shotcraft::ui {

namespace {
constexpr int kMaxAutosave_s = 3600;

void selectData(QComboBox* box, const QVariant& data) {
  const int index = box->findData(data);
  if (index >= 0) box->setCurrentIndex(index);
}
}  // namespace

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent),
      m_models(new QListWidget(this)),
      m_addModel(new QPushButton(this)),
      m_removeModel(new QPushButton(this)),
      m_device(new QComboBox(this)),
      m_precision(new QComboBox(this)),
      m_threads(new QSpinBox(this)),
      m_language(new QComboBox(this)),
      m_theme(new QComboBox(this)),
      m_autosave(new QSpinBox(this)),
      m_form(new QFormLayout),
      m_modelsLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this)) {
  setObjectName(QStringLiteral("SettingsDialog"));
  m_models->setObjectName(QStringLiteral("modelFolders"));
  auto* embedded = new QListWidgetItem(m_models);
  embedded->setData(Qt::UserRole, QString());  // "" = the embedded model
  embedded->setToolTip(QDir::toNativeSeparators(cli::defaultModelDir()));
  auto* modelButtons = new QHBoxLayout;
  modelButtons->addWidget(m_addModel);
  modelButtons->addWidget(m_removeModel);
  modelButtons->addStretch(1);

  for (engine::Device device : {engine::Device::Auto, engine::Device::Cpu, engine::Device::Cuda})
    m_device->addItem(QString(), StudioSettings::deviceName(device));
  for (engine::Precision p : {engine::Precision::Auto, engine::Precision::Fp32, engine::Precision::Bf16,
                              engine::Precision::Fp16})
    m_precision->addItem(QString(), StudioSettings::precisionName(p));
  m_threads->setRange(0, StudioSettings::kMaxThreads);
  for (const QString& language : Translations::available())
    m_language->addItem(Translations::nativeName(language), language);  // each in its own language
  for (ThemeKind theme : {ThemeKind::Light, ThemeKind::Dark}) m_theme->addItem(QString(), Theme::name(theme));
  m_autosave->setRange(0, kMaxAutosave_s);
  m_autosave->setSingleStep(15);

  m_form->addRow(QString(), m_device);
  m_form->addRow(QString(), m_precision);
  m_form->addRow(QString(), m_threads);
  m_form->addRow(QString(), m_language);
  m_form->addRow(QString(), m_theme);
  m_form->addRow(QString(), m_autosave);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_modelsLabel);
  layout->addWidget(m_models);
  layout->addLayout(modelButtons);
  layout->addLayout(m_form);
  layout->addWidget(m_buttons);

  connect(m_addModel, &QPushButton::clicked, this, &SettingsDialog::browseModelFolder);
  connect(m_removeModel, &QPushButton::clicked, this, &SettingsDialog::removeSelectedModelFolder);
  connect(m_models, &QListWidget::currentRowChanged, this, &SettingsDialog::updateButtons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
    apply();
    accept();
  });
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
  retranslate();
  setValues(StudioSettings::load());
}

void SettingsDialog::setValues(const StudioSettings& settings) {
  while (m_models->count() > 1) delete m_models->takeItem(1);  // takeItem hands the item over
  for (const QString& folder : settings.modelFolders) addModelFolder(folder);
  m_models->setCurrentRow(0);
  for (int row = 0; row < m_models->count(); ++row)
    if (m_models->item(row)->data(Qt::UserRole).toString() == settings.modelDir) m_models->setCurrentRow(row);
  selectData(m_device, StudioSettings::deviceName(settings.device));
  selectData(m_precision, StudioSettings::precisionName(settings.precision));
  m_threads->setValue(settings.threads);
  selectData(m_language, settings.language);
  selectData(m_theme, Theme::name(settings.theme));
  m_autosave->setValue(settings.autosaveInterval_s);
  updateButtons();
}

StudioSettings SettingsDialog::values() const {
  StudioSettings s;
  for (int row = 1; row < m_models->count(); ++row) s.modelFolders.push_back(m_models->item(row)->data(Qt::UserRole).toString());
  const QListWidgetItem* current = m_models->currentItem();
  s.modelDir = current != nullptr ? current->data(Qt::UserRole).toString() : QString();
  s.device = StudioSettings::deviceFromName(m_device->currentData().toString());
  s.precision = StudioSettings::precisionFromName(m_precision->currentData().toString());
  s.threads = m_threads->value();
  s.language = m_language->currentData().toString();
  s.theme = Theme::fromName(m_theme->currentData().toString()).value_or(ThemeKind::Light);
  s.autosaveInterval_s = m_autosave->value();
  return s;
}

bool SettingsDialog::addModelFolder(const QString& folder) {
  if (folder.isEmpty()) return false;
  for (int row = 1; row < m_models->count(); ++row)
    if (m_models->item(row)->data(Qt::UserRole).toString() == folder) return false;
  auto* item = new QListWidgetItem(QDir::toNativeSeparators(folder), m_models);
  item->setData(Qt::UserRole, folder);
  item->setToolTip(QDir::toNativeSeparators(folder));
  m_models->setCurrentItem(item);
  return true;
}

bool SettingsDialog::removeSelectedModelFolder() {
  const int row = m_models->currentRow();
  if (row <= 0) return false;  // the embedded model stays
  delete m_models->takeItem(row);
  m_models->setCurrentRow(std::min(row, m_models->count() - 1));
  updateButtons();
  return true;
}

void SettingsDialog::apply() {
  const StudioSettings settings = values();
  settings.save();
  emit applied(settings);
}

void SettingsDialog::browseModelFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a Model Folder"), QDir::homePath());
  if (!folder.isEmpty()) addModelFolder(folder);
  updateButtons();
}

void SettingsDialog::updateButtons() { m_removeModel->setEnabled(m_models->currentRow() > 0); }

void SettingsDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void SettingsDialog::retranslate() {
  setWindowTitle(tr("Preferences"));
  m_modelsLabel->setText(tr("Model folders (the selected one is used for renders):"));
  m_models->item(0)->setText(tr("Embedded model (shotcraft-tiny)"));
  m_addModel->setText(tr("&Add Folder…"));
  m_removeModel->setText(tr("&Remove"));
  m_removeModel->setToolTip(tr("The embedded model cannot be removed"));
  auto label = [this](QWidget* field, const QString& text) {
    if (auto* l = qobject_cast<QLabel*>(m_form->labelForField(field))) l->setText(text);
  };
  label(m_device, tr("&Device:"));
  label(m_precision, tr("&Precision:"));
  label(m_threads, tr("&Threads:"));
  label(m_language, tr("&Language:"));
  label(m_theme, tr("T&heme:"));
  label(m_autosave, tr("A&utosave every:"));
  m_device->setItemText(0, tr("Auto"));
  m_device->setItemText(1, tr("CPU"));
  m_device->setItemText(2, tr("CUDA (GPU)"));
  m_precision->setItemText(0, tr("Auto"));
  m_precision->setItemText(1, tr("fp32 (full)"));
  m_precision->setItemText(2, tr("bf16"));
  m_precision->setItemText(3, tr("fp16"));
  m_threads->setSpecialValueText(tr("All cores"));
  m_theme->setItemText(0, tr("Light"));
  m_theme->setItemText(1, tr("Dark"));
  m_autosave->setSpecialValueText(tr("Off"));
  m_autosave->setSuffix(tr(" s"));
}

}  // namespace shotcraft::ui
