#pragma once
// The "Models" dock (issue 4): the embedded model and the models found in the folders of Settings > Preferences
// (core/models/ModelRegistry), grouped by kind with family, size and status. Scans run off the UI thread
// (QtConcurrent); "Use for renders" on a usable checkpoint makes it the model renders use (StudioSettings::modelDir)
// and the model in use is marked. The folder list itself is edited in the Settings dialog.
#include <QFutureWatcher>
#include <QString>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/models/ModelRegistry.h"

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace shotcraft::engine {
class EngineRegistry;
}

namespace shotcraft::ui {

class ModelsPanel : public QWidget {
  Q_OBJECT
 public:
  enum Column { NameColumn, KindColumn, FamilyColumn, SizeColumn, StatusColumn };

  // registry: where the "torch" factory that inspects models comes from (tests pass one with a fake); nullptr =
  // own one that loads the plugins. It must outlive the panel. The first scan starts at once.
  explicit ModelsPanel(engine::EngineRegistry* registry = nullptr, QWidget* parent = nullptr);
  ~ModelsPanel() override;  // waits for a running scan

  // Scans the saved model folders and the embedded model again (in the background). A request during a scan
  // runs once that scan is done.
  void refresh();
  bool isScanning() const { return m_scanning; }  // until the list shows the last requested scan

  const std::vector<models::ModelEntry>& entries() const { return m_entries; }
  const std::vector<models::ScanError>& scanErrors() const { return m_errors; }
  // The row of the entry with this path, nullptr if none.
  QTreeWidgetItem* itemFor(const QString& path) const;
  // The path renders use now ("" = the embedded model), as marked in the list.
  QString currentModelDir() const { return m_current; }

  // Makes the entry at `path` the model renders use: saves StudioSettings::modelDir ("" for the embedded model)
  // and emits modelChosen. False (nothing changes) when it is not a usable checkpoint of the list.
  bool useForRenders(const QString& path);
  // One line under the list, e.g. "Loaded shotcraft-tiny in 0.4 s".
  void showLoadTime(const QString& modelDir, double seconds);

  QTreeWidget* list() const { return m_list; }
  QPushButton* refreshButton() const { return m_refresh; }
  QPushButton* useButton() const { return m_use; }
  QLabel* statusLabel() const { return m_status; }

 signals:
  void scanFinished();
  void modelChosen(const QString& modelDir);  // after StudioSettings was saved ("" = the embedded model)

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void startScan();
  void onScanned();
  void rebuild();
  void updateButtons();
  void updateStatus();
  void retranslate();
  QString kindTitle(models::ModelKind kind) const;  // a group row: "Checkpoints"
  QString kindLabel(models::ModelKind kind) const;  // the Kind column: "checkpoint"
  QString familyLabel(const std::string& family) const;
  QString statusLabel(models::ModelStatus status) const;  // the wording of core's category; details in the tooltip
  QString scanErrorText(const models::ScanError& error) const;  // likewise, one line under the list
  QString statusText(const models::ModelEntry& entry) const;
  const models::ModelEntry* entryFor(const QTreeWidgetItem* item) const;

  std::unique_ptr<engine::EngineRegistry> m_ownRegistry;
  engine::EngineRegistry* m_registry;
  QTreeWidget* m_list;
  QPushButton* m_refresh;
  QPushButton* m_use;
  QLabel* m_status;
  QFutureWatcher<models::ScanResult> m_watcher;
  bool m_scanning = false;
  bool m_rescan = false;
  std::vector<models::ModelEntry> m_entries;
  std::vector<models::ScanError> m_errors;
  QString m_current;       // StudioSettings::modelDir at the last scan or choice
  QString m_embeddedDir;   // the embedded model's folder at the last scan ("" when not installed)
  QString m_loadedDir;     // the last engine load, kept to retranslate its line
  double m_loadSeconds = -1.0;
};

}  // namespace shotcraft::ui
