#include "ui/ModelsPanel.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/cli/EngineOptionsCli.h"
#include "core/engine/EngineRegistry.h"
#include "ui/StudioSettings.h"

namespace shotcraft::ui {

namespace {

constexpr int kEntryRole = Qt::UserRole;       // index into m_entries (rows), -1 for a kind's group row
constexpr int kGroupKinds = int(models::ModelKind::Unknown) + 1;

QString cleaned(const QString& path) { return path.isEmpty() ? QString() : QDir::cleanPath(path); }

}  // namespace

ModelsPanel::ModelsPanel(engine::EngineRegistry* registry, QWidget* parent)
    : QWidget(parent),
      m_registry(registry),
      m_list(new QTreeWidget(this)),
      m_refresh(new QPushButton(this)),
      m_use(new QPushButton(this)),
      m_status(new QLabel(this)) {
  if (m_registry == nullptr) {
    m_ownRegistry = std::make_unique<engine::EngineRegistry>();
    m_registry = m_ownRegistry.get();
  }
  m_list->setObjectName(QStringLiteral("modelsList"));
  m_list->setColumnCount(5);
  m_list->setRootIsDecorated(true);
  m_list->setUniformRowHeights(true);
  m_list->header()->setStretchLastSection(true);
  m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
  m_list->setColumnWidth(NameColumn, 160);
  m_refresh->setObjectName(QStringLiteral("modelsRefresh"));
  m_use->setObjectName(QStringLiteral("modelsUse"));
  m_status->setObjectName(QStringLiteral("modelsStatus"));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_use);
  buttons->addStretch(1);
  buttons->addWidget(m_refresh);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_list, 1);
  layout->addLayout(buttons);
  layout->addWidget(m_status);

  connect(m_refresh, &QPushButton::clicked, this, &ModelsPanel::refresh);
  connect(m_use, &QPushButton::clicked, this, [this] {
    if (const models::ModelEntry* e = entryFor(m_list->currentItem())) useForRenders(QString::fromStdString(e->path));
  });
  connect(m_list, &QTreeWidget::currentItemChanged, this, &ModelsPanel::updateButtons);
  connect(&m_watcher, &QFutureWatcher<models::ScanResult>::finished, this, &ModelsPanel::onScanned);
  retranslate();
  refresh();
}

ModelsPanel::~ModelsPanel() { m_watcher.waitForFinished(); }

void ModelsPanel::refresh() {
  if (m_scanning) {
    m_rescan = true;
    return;
  }
  startScan();
}

void ModelsPanel::startScan() {
  m_rescan = false;
  m_scanning = true;
  const StudioSettings settings = StudioSettings::load();
  m_current = cleaned(settings.modelDir);
  m_embeddedDir = cli::defaultModelDir();
  std::vector<std::string> folders;
  for (const QString& f : settings.modelFolders) folders.push_back(f.toStdString());
  const std::string embedded = m_embeddedDir.toStdString();
  engine::EngineRegistry* registry = m_registry;
  m_refresh->setEnabled(false);
  updateStatus();
  // Only this scan touches the registry while it runs (one scan at a time).
  m_watcher.setFuture(QtConcurrent::run([registry, folders, embedded] {
    std::string error;
    std::shared_ptr<engine::IEngineFactory> factory = registry->require("torch", &error);
    models::ScanResult result = models::ModelRegistry(factory).scan(folders, embedded, /*withEmbedded=*/true);
    if (!factory) result.errors.push_back({models::ScanProblem::NoEngine, {}, error});
    return result;
  }));
}

void ModelsPanel::onScanned() {
  const models::ScanResult result = m_watcher.result();
  m_entries = result.entries;
  m_errors = result.errors;
  rebuild();
  if (m_rescan) {
    startScan();
    return;
  }
  m_scanning = false;
  m_refresh->setEnabled(true);
  updateStatus();
  emit scanFinished();
}

QString ModelsPanel::kindTitle(models::ModelKind kind) const {
  switch (kind) {
    case models::ModelKind::Checkpoint: return tr("Checkpoints");
    case models::ModelKind::ControlNet: return tr("ControlNets");
    case models::ModelKind::Lora: return tr("LoRAs");
    case models::ModelKind::Vae: return tr("VAEs");
    case models::ModelKind::Taesd: return tr("TAESD preview decoders");
    case models::ModelKind::Unknown: break;
  }
  return tr("Not recognised");
}

QString ModelsPanel::kindLabel(models::ModelKind kind) const {
  switch (kind) {
    case models::ModelKind::Checkpoint: return tr("checkpoint");
    case models::ModelKind::ControlNet: return tr("controlnet");
    case models::ModelKind::Lora: return tr("lora");
    case models::ModelKind::Vae: return tr("vae");
    case models::ModelKind::Taesd: return tr("taesd");
    case models::ModelKind::Unknown: break;
  }
  return tr("unknown");
}

// Family names ("sd1", "sdxl", "shotcraft-tiny") are names; only "unknown" is a word.
QString ModelsPanel::familyLabel(const std::string& family) const {
  return family.empty() || family == "unknown" ? tr("unknown") : QString::fromStdString(family);
}

QString ModelsPanel::statusLabel(models::ModelStatus status) const {
  switch (status) {
    case models::ModelStatus::Ready: return tr("Ready");
    case models::ModelStatus::NotInstalled: return tr("Not installed yet");
    case models::ModelStatus::Missing: return tr("File not found");
    case models::ModelStatus::Pickled: return tr("Pickled file, not loaded: convert it to .safetensors");
    case models::ModelStatus::NoEngine: return tr("No engine plugin to inspect it");
    case models::ModelStatus::Unsupported: return tr("Not supported yet");
    case models::ModelStatus::NotRecognised: break;
  }
  return tr("Not recognised");
}

QString ModelsPanel::statusText(const models::ModelEntry& e) const {
  const bool current = e.embedded ? m_current.isEmpty() : cleaned(QString::fromStdString(e.path)) == m_current;
  if (e.status == models::ModelStatus::NotInstalled) return statusLabel(e.status);
  if (current && e.usable) return tr("Used for renders");
  if (current) return tr("Chosen for renders, but cannot be used: %1").arg(statusLabel(e.status));
  return statusLabel(e.status);
}

void ModelsPanel::rebuild() {
  const QString selected = [this] {
    const models::ModelEntry* e = entryFor(m_list->currentItem());
    return e ? QString::fromStdString(e->path) : QString();
  }();
  m_list->clear();
  QTreeWidgetItem* groups[kGroupKinds] = {};
  QTreeWidgetItem* reselect = nullptr;
  for (size_t i = 0; i < m_entries.size(); ++i) {
    const models::ModelEntry& e = m_entries[i];
    QTreeWidgetItem*& group = groups[int(e.kind)];
    if (group == nullptr) {
      group = new QTreeWidgetItem(m_list);
      group->setData(NameColumn, kEntryRole, -1);
      group->setData(KindColumn, kEntryRole, int(e.kind));
      group->setFirstColumnSpanned(true);
      group->setFlags(Qt::ItemIsEnabled);
      group->setExpanded(true);
    }
    auto* item = new QTreeWidgetItem(group);
    item->setData(NameColumn, kEntryRole, int(i));
    QString name = QString::fromStdString(e.name);
    if (e.embedded) name = tr("%1 (embedded)").arg(name);
    item->setText(NameColumn, name);
    item->setText(KindColumn, kindLabel(e.kind));
    item->setText(FamilyColumn, familyLabel(e.family));
    item->setText(SizeColumn, e.size_bytes == 0 ? QString()
                                                : locale().formattedDataSize(qint64(e.size_bytes), 1,
                                                                             QLocale::DataSizeTraditionalFormat));
    item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setText(StatusColumn, statusText(e));
    item->setToolTip(NameColumn, QString::fromStdString(e.path));
    item->setToolTip(StatusColumn, QString::fromStdString(e.message));
    const bool current = e.embedded ? m_current.isEmpty() : cleaned(QString::fromStdString(e.path)) == m_current;
    if (current) {
      QFont bold = item->font(NameColumn);
      bold.setBold(true);
      for (int c = 0; c < m_list->columnCount(); ++c) item->setFont(c, bold);
    }
    if (!e.usable) item->setForeground(StatusColumn, palette().brush(QPalette::Disabled, QPalette::Text));
    if (!selected.isEmpty() && QString::fromStdString(e.path) == selected) reselect = item;
  }
  for (QTreeWidgetItem* group : groups) {
    if (group == nullptr) continue;
    const auto kind = models::ModelKind(group->data(KindColumn, kEntryRole).toInt());
    group->setText(NameColumn, tr("%1 (%2)").arg(kindTitle(kind)).arg(group->childCount()));
  }
  for (int c : {KindColumn, FamilyColumn, SizeColumn}) m_list->resizeColumnToContents(c);
  if (reselect != nullptr) m_list->setCurrentItem(reselect);
  updateButtons();
}

const models::ModelEntry* ModelsPanel::entryFor(const QTreeWidgetItem* item) const {
  if (item == nullptr) return nullptr;
  const int index = item->data(NameColumn, kEntryRole).toInt();
  return index >= 0 && size_t(index) < m_entries.size() ? &m_entries[size_t(index)] : nullptr;
}

QTreeWidgetItem* ModelsPanel::itemFor(const QString& path) const {
  for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
    QTreeWidgetItem* group = m_list->topLevelItem(g);
    for (int r = 0; r < group->childCount(); ++r) {
      const models::ModelEntry* e = entryFor(group->child(r));
      if (e != nullptr && QString::fromStdString(e->path) == path) return group->child(r);
    }
  }
  return nullptr;
}

bool ModelsPanel::useForRenders(const QString& path) {
  const models::ModelEntry* entry = entryFor(itemFor(path));
  if (entry == nullptr || entry->kind != models::ModelKind::Checkpoint || !entry->usable) return false;
  StudioSettings settings = StudioSettings::load();
  settings.modelDir = entry->embedded ? QString() : QString::fromStdString(entry->path);
  if (!settings.modelDir.isEmpty() && !settings.modelFolders.contains(settings.modelDir)) {
    settings.modelFolders.push_back(settings.modelDir);  // the Settings dialog lists the folder renders use
  }
  settings.save();
  m_current = cleaned(settings.modelDir);
  rebuild();
  emit modelChosen(settings.modelDir);
  return true;
}

void ModelsPanel::showLoadTime(const QString& modelDir, double seconds) {
  m_loadedDir = modelDir;
  m_loadSeconds = seconds;
  updateStatus();
}

void ModelsPanel::updateButtons() {
  const models::ModelEntry* e = entryFor(m_list->currentItem());
  const bool current =
      e != nullptr && (e->embedded ? m_current.isEmpty() : cleaned(QString::fromStdString(e->path)) == m_current);
  m_use->setEnabled(e != nullptr && e->kind == models::ModelKind::Checkpoint && e->usable && !current);
}

QString ModelsPanel::scanErrorText(const models::ScanError& error) const {
  const QString folder = QString::fromStdString(error.folder);
  switch (error.problem) {
    case models::ScanProblem::FolderMissing: return tr("Models folder %1 does not exist").arg(folder);
    case models::ScanProblem::NotAFolder: return tr("%1 is neither a folder nor a model file").arg(folder);
    case models::ScanProblem::Unreadable: return tr("Models folder %1 cannot be read").arg(folder);
    case models::ScanProblem::NoEngine: break;
  }
  return tr("No engine plugin to inspect models: they are listed by file type only");
}

void ModelsPanel::updateStatus() {
  QStringList lines;
  QStringList details;  // core's lines, as the tooltip
  if (m_scanning) lines << tr("Scanning model folders…");
  for (const models::ScanError& error : m_errors) {
    lines << scanErrorText(error);
    details << QString::fromStdString(error.message);
  }
  m_status->setToolTip(details.join(QLatin1Char('\n')));
  if (m_loadSeconds >= 0.0) {
    const QString name = m_loadedDir.isEmpty() ? tr("the model") : QFileInfo(m_loadedDir).fileName();
    lines << tr("Loaded %1 in %2 s").arg(name, QString::number(m_loadSeconds, 'f', 1));
  }
  m_status->setText(lines.join(QLatin1Char('\n')));
  m_status->setVisible(!lines.isEmpty());
}

void ModelsPanel::retranslate() {
  m_list->setHeaderLabels({tr("Name"), tr("Kind"), tr("Family"), tr("Size"), tr("Status")});
  m_refresh->setText(tr("&Refresh"));
  m_refresh->setToolTip(tr("Scan the model folders again (Settings > Preferences lists them)"));
  m_use->setText(tr("&Use for Renders"));
  m_use->setToolTip(tr("Render shots with the selected checkpoint"));
  rebuild();
  updateStatus();
}

void ModelsPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
