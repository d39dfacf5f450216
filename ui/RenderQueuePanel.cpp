#include "ui/RenderQueuePanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>

#include "ui/RenderController.h"

namespace shotcraft::ui {

using engine::JobId;
using engine::JobStatus;

RenderQueuePanel::RenderQueuePanel(RenderController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_list(new QTreeWidget(this)), m_detail(new QLabel(this)) {
  setObjectName(QStringLiteral("RenderQueuePanel"));
  m_list->setObjectName(QStringLiteral("renderQueueList"));
  m_list->setRootIsDecorated(false);
  m_list->setColumnCount(ErrorColumn + 1);
  m_list->header()->setStretchLastSection(true);
  m_detail->setWordWrap(true);
  m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_detail->setObjectName(QStringLiteral("renderQueueDetail"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_list, 1);
  layout->addWidget(m_detail);

  engine::JobQueue* queue = controller->queue();
  connect(queue, &engine::JobQueue::statusChanged, this, &RenderQueuePanel::onStatus);
  connect(queue, &engine::JobQueue::progressChanged, this, &RenderQueuePanel::onProgress);
  connect(queue, &engine::JobQueue::finished, this,
          [this](JobId id, JobStatus status, const QString&) { onStatus(id, status); });
  connect(m_list, &QTreeWidget::currentItemChanged, this, &RenderQueuePanel::updateDetail);
  retranslate();
}

QString RenderQueuePanel::statusName(JobStatus status) const {
  switch (status) {
    case JobStatus::Queued: return tr("Queued");
    case JobStatus::Running: return tr("Running");
    case JobStatus::Completed: return tr("Done");
    case JobStatus::Failed: return tr("Failed");
    case JobStatus::Cancelled: return tr("Cancelled");
  }
  return {};
}

RenderQueuePanel::Row& RenderQueuePanel::ensureRow(JobId id) {
  auto it = m_rows.find(id);
  if (it != m_rows.end()) return it->second;
  Row row;
  row.item = new QTreeWidgetItem;  // owned by the list below
  row.item->setData(TitleColumn, Qt::UserRole, QVariant::fromValue<qulonglong>(id));
  m_list->insertTopLevelItem(0, row.item);  // newest first
  row.bar = new QProgressBar(m_list);
  row.bar->setRange(0, 100);
  row.bar->setMaximumHeight(16);
  m_list->setItemWidget(row.item, ProgressColumn, row.bar);
  auto* actions = new QWidget(m_list);
  auto* box = new QHBoxLayout(actions);
  box->setContentsMargins(0, 0, 0, 0);
  row.cancel = new QToolButton(actions);
  row.cancel->setObjectName(QStringLiteral("cancelJob"));
  row.retry = new QToolButton(actions);
  row.retry->setObjectName(QStringLiteral("retryJob"));
  row.cancel->setText(tr("Cancel"));
  row.retry->setText(tr("Retry"));
  box->addWidget(row.cancel);
  box->addWidget(row.retry);
  m_list->setItemWidget(row.item, ActionsColumn, actions);
  connect(row.cancel, &QToolButton::clicked, this, [this, id] { m_controller->cancel(id); });
  connect(row.retry, &QToolButton::clicked, this, [this, id] {
    QString error;
    if (!m_controller->retry(id, &error)) m_detail->setText(error);
  });
  return m_rows.emplace(id, row).first->second;
}

void RenderQueuePanel::onStatus(JobId id, JobStatus status) {
  Row& row = ensureRow(id);
  row.status = status;
  updateRow(id, row);
  if (status == JobStatus::Failed) m_list->setCurrentItem(row.item);
  updateDetail();
}

void RenderQueuePanel::onProgress(JobId id, double fraction) {
  auto it = m_rows.find(id);
  if (it != m_rows.end()) it->second.bar->setValue(static_cast<int>(std::lround(fraction * 100.0)));
}

void RenderQueuePanel::updateRow(JobId id, Row& row) {
  engine::JobQueue* queue = m_controller->queue();
  row.item->setText(TitleColumn, queue->title(id));
  row.item->setText(StatusColumn, statusName(row.status));
  row.item->setText(PriorityColumn, m_controller->isRender(id) ? tr("Interactive") : tr("Batch"));
  const QString error = row.status == JobStatus::Failed ? queue->errorText(id) : QString();
  row.item->setText(ErrorColumn, error);
  row.item->setToolTip(ErrorColumn, error);
  row.item->setForeground(StatusColumn, row.status == JobStatus::Failed ? QBrush(Qt::red) : QBrush());
  if (row.status == JobStatus::Completed) row.bar->setValue(100);
  const bool open = row.status == JobStatus::Queued || row.status == JobStatus::Running;
  row.cancel->setEnabled(open);
  row.retry->setEnabled(!open && row.status != JobStatus::Completed && m_controller->isRender(id));
}

void RenderQueuePanel::updateDetail() {
  QTreeWidgetItem* item = m_list->currentItem();
  if (item == nullptr) {
    m_detail->clear();
    return;
  }
  const JobId id = item->data(TitleColumn, Qt::UserRole).toULongLong();
  const QString error = errorText(id);
  m_detail->setText(error.isEmpty() ? QString() : tr("%1 failed: %2").arg(item->text(TitleColumn), error));
}

QString RenderQueuePanel::statusText(JobId id) const {
  auto it = m_rows.find(id);
  return it == m_rows.end() ? QString() : it->second.item->text(StatusColumn);
}

QString RenderQueuePanel::errorText(JobId id) const {
  auto it = m_rows.find(id);
  return it == m_rows.end() ? QString() : it->second.item->text(ErrorColumn);
}

int RenderQueuePanel::progressPercent(JobId id) const {
  auto it = m_rows.find(id);
  return it == m_rows.end() ? -1 : it->second.bar->value();
}

QToolButton* RenderQueuePanel::cancelButton(JobId id) const {
  auto it = m_rows.find(id);
  return it == m_rows.end() ? nullptr : it->second.cancel;
}

QToolButton* RenderQueuePanel::retryButton(JobId id) const {
  auto it = m_rows.find(id);
  return it == m_rows.end() ? nullptr : it->second.retry;
}

void RenderQueuePanel::retranslate() {
  m_list->setHeaderLabels({tr("Job"), tr("Status"), tr("Progress"), tr("Priority"), QString(), tr("Error")});
  for (auto& [id, row] : m_rows) {
    row.cancel->setText(tr("Cancel"));
    row.retry->setText(tr("Retry"));
    updateRow(id, row);
  }
  updateDetail();
}

void RenderQueuePanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
