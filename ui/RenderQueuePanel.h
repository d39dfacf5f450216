#pragma once
// The "Render Queue" dock: one row per job of the controller's queue with its title, status, progress bar and
// priority, a cancel button while it can still stop, a retry button once it failed or was cancelled, and the
// error text of a failed job (in the row and under the list for the selected job).
#include <QString>
#include <QWidget>
#include <map>

#include "core/engine/JobQueue.h"

class QLabel;
class QProgressBar;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace shotcraft::ui {

class RenderController;

class RenderQueuePanel : public QWidget {
  Q_OBJECT
 public:
  enum Column { TitleColumn, StatusColumn, ProgressColumn, PriorityColumn, ActionsColumn, ErrorColumn };

  explicit RenderQueuePanel(RenderController* controller, QWidget* parent = nullptr);

  int rowCount() const { return static_cast<int>(m_rows.size()); }
  bool hasRow(engine::JobId id) const { return m_rows.count(id) != 0; }
  QString statusText(engine::JobId id) const;
  QString errorText(engine::JobId id) const;
  int progressPercent(engine::JobId id) const;  // -1 for an unknown job
  QToolButton* cancelButton(engine::JobId id) const;
  QToolButton* retryButton(engine::JobId id) const;
  QTreeWidget* list() const { return m_list; }
  QLabel* detailLabel() const { return m_detail; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Row {
    QTreeWidgetItem* item = nullptr;
    QProgressBar* bar = nullptr;
    QToolButton* cancel = nullptr;
    QToolButton* retry = nullptr;
    engine::JobStatus status = engine::JobStatus::Queued;
  };
  void onStatus(engine::JobId id, engine::JobStatus status);
  void onProgress(engine::JobId id, double fraction);
  Row& ensureRow(engine::JobId id);
  void updateRow(engine::JobId id, Row& row);
  void updateDetail();
  QString statusName(engine::JobStatus status) const;
  void retranslate();

  RenderController* m_controller;
  QTreeWidget* m_list;
  QLabel* m_detail;
  std::map<engine::JobId, Row> m_rows;
};

}  // namespace shotcraft::ui
