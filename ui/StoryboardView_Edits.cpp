// StoryboardView: clip gestures (drag to reorder, drag the edge to resize), the clip actions and context menu.
#include <QAction>
#include <QMenu>
#include <atomic>
#include <cmath>

#include "ui/ActRow.h"
#include "ui/ProjectDocument.h"
#include "ui/ShotCard.h"
#include "ui/StoryboardView.h"
#include "ui/TimelineGeometry.h"
#include "ui/TimelineOverlay.h"

namespace shotcraft::ui {

namespace {
QString nextGestureKey() {
  static std::atomic<quint64> counter{0};
  return QString::number(++counter);
}
}  // namespace

void StoryboardView::createActions() {
  auto make = [this](QAction*& slot, const char* name, auto handler) {
    slot = new QAction(this);
    slot->setObjectName(QLatin1String(name));
    connect(slot, &QAction::triggered, this, handler);
  };
  make(m_regenerate, "actionClipRegenerate", [this] { emit regenerateRequested(m_selected); });
  make(m_newTake, "actionClipNewTake", [this] { emit newTakeRequested(m_selected); });
  make(m_duplicate, "actionClipDuplicate", [this] { duplicateCurrent(); });
  make(m_split, "actionClipSplit", [this] { splitAtPlayhead(m_selected); });
  make(m_delete, "actionClipDelete", [this] { deleteSelection(); });
  make(m_zoomIn, "actionZoomIn", [this] { zoomIn(); });
  make(m_zoomOut, "actionZoomOut", [this] { zoomOut(); });
  make(m_zoomFit, "actionZoomToFit", [this] { zoomToFit(); });
  m_zoomFit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
  m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
  m_zoomOut->setShortcuts(QKeySequence::ZoomOut);
  addActions({m_zoomIn, m_zoomOut, m_zoomFit});  // their shortcuts work wherever the view is, menu or not
  retranslate();
  updateActions();
}

void StoryboardView::retranslate() {
  m_regenerate->setText(tr("&Regenerate"));
  m_regenerate->setToolTip(tr("Render a new draft of the shot, as Render Draft does"));
  m_newTake->setText(tr("New &Take"));
  m_newTake->setToolTip(tr("Render another take of the shot with a new seed"));
  m_duplicate->setText(tr("D&uplicate"));
  m_split->setText(tr("&Split at Playhead"));
  m_split->setToolTip(tr("Cut the shot in two where the playhead is"));
  m_delete->setText(tr("&Delete"));
  m_zoomIn->setText(tr("Zoom &In"));
  m_zoomOut->setText(tr("Zoom &Out"));
  m_zoomIn->setToolTip(tr("Show the timeline wider (Ctrl+wheel)"));
  m_zoomOut->setToolTip(tr("Show more of the timeline (Ctrl+wheel)"));
  m_zoomFit->setText(tr("Zoom to &Fit"));
  m_zoomFit->setToolTip(tr("Show the whole storyboard in the visible width"));
}

void StoryboardView::updateActions() {
  if (m_delete == nullptr) return;
  const bool hasShot = !m_selected.isEmpty();
  m_regenerate->setEnabled(hasShot);
  m_newTake->setEnabled(hasShot);
  m_duplicate->setEnabled(hasShot);
  m_split->setEnabled(hasShot && shotAtPlayhead() == m_selected &&
                      m_document->project().shotStart_s(m_selected).value_or(-1.0) < m_playhead_s);
  m_delete->setEnabled(!m_selection.isEmpty());
  m_zoomIn->setEnabled(m_pixelsPerSecond < timeline::kMaxPixelsPerSecond);
  m_zoomOut->setEnabled(m_pixelsPerSecond > timeline::kMinPixelsPerSecond);
}

QMenu* StoryboardView::createContextMenu(QWidget* parent) {
  updateActions();
  auto* menu = new QMenu(parent);
  menu->addActions({m_regenerate, m_newTake});
  menu->addSeparator();
  menu->addActions({m_duplicate, m_split});
  if (!m_cardActions.isEmpty()) {
    menu->addSeparator();
    menu->addActions(m_cardActions);
  }
  menu->addSeparator();
  menu->addAction(m_delete);
  const int count = static_cast<int>(m_selection.size());
  m_delete->setText(count > 1 ? tr("&Delete %1 Shots").arg(count) : tr("&Delete"));
  return menu;
}

void StoryboardView::connectCard(ShotCard* card) {
  connect(card, &ShotCard::clicked, this, &StoryboardView::clickShot);
  connect(card, &ShotCard::contextMenuRequested, this, [this](const QString& shotId, const QPoint& globalPos) {
    if (!m_selection.contains(shotId)) selectShot(shotId);
    QMenu* menu = createContextMenu(this);
    menu->exec(globalPos);
    menu->deleteLater();
  });
  connect(card, &ShotCard::moveDragged, this, &StoryboardView::showDropIndicator);
  connect(card, &ShotCard::moveDropped, this, [this](const QString& shotId, const QPoint& globalPos) {
    m_overlay->setDropLine(QLine());
    dropShot(shotId, m_content->mapFromGlobal(globalPos));
  });
  connect(card, &ShotCard::moveCancelled, this, [this] { m_overlay->setDropLine(QLine()); });
  connect(card, &ShotCard::resizeStarted, this, [this] { m_resizeGesture = nextGestureKey(); });
  connect(card, &ShotCard::resizeDragged, this, &StoryboardView::resizeClip);
  connect(card, &ShotCard::resizeFinished, this, [this] { m_resizeGesture.clear(); });
}

// --- reorder

StoryboardView::DropTarget StoryboardView::dropTarget(const QPoint& contentPos, const QString& movingShot) const {
  DropTarget target;
  int bestDistance = -1;
  for (const ActRow* row : m_rows) {  // the band under the point, else the nearest
    const QRect band = row->geometry();
    const int distance = contentPos.y() < band.top()      ? band.top() - contentPos.y()
                         : contentPos.y() > band.bottom() ? contentPos.y() - band.bottom()
                                                          : 0;
    if (bestDistance < 0 || distance < bestDistance) {
      bestDistance = distance;
      target.act = row->actIndex();
    }
  }
  const ActRow* row = m_rows[target.act];
  const QPoint laneOrigin = row->lane()->mapTo(m_content, QPoint(0, 0));
  int gapX = 0;
  target.row = row->dropRow(contentPos.x() - laneOrigin.x(), movingShot, &gapX);
  const int x = laneOrigin.x() + gapX;
  target.line = QLine(x, laneOrigin.y() + 2, x, laneOrigin.y() + row->lane()->height() - 2);
  return target;
}

void StoryboardView::showDropIndicator(const QString& shotId, const QPoint& globalPos) {
  const QPoint pos = m_content->mapFromGlobal(globalPos);
  ensureVisible(pos.x(), pos.y(), 48, 24);  // scroll along when the drag nears an edge
  m_overlay->setDropLine(dropTarget(pos, shotId).line);
}

QLine StoryboardView::dropIndicator() const { return m_overlay->dropLine(); }

bool StoryboardView::dropShot(const QString& shotId, const QPoint& contentPos, QString* error) {
  const DropTarget target = dropTarget(contentPos, shotId);
  QString reason;
  if (!m_document->moveShot(shotId, target.act, target.row, &reason)) {
    emit editFailed(reason);
    if (error != nullptr) *error = reason;
    return false;
  }
  if (!m_selection.contains(shotId)) selectShot(shotId);
  return true;
}

// --- resize: one undo step per drag (the steps of one drag share a merge key)

void StoryboardView::resizeClip(const QString& shotId, int width_px) {
  const model::Shot* shot = m_document->project().findShot(shotId);
  if (shot == nullptr) return;
  if (m_resizeGesture.isEmpty()) m_resizeGesture = nextGestureKey();
  const double duration_s = timeline::clampDuration(width_px / m_pixelsPerSecond);
  if (std::abs(duration_s - shot->duration_s) < 1e-9) return;
  QString error;
  if (!m_document->dragShotDuration(shotId, duration_s, m_resizeGesture, &error)) emit editFailed(error);
}

// --- actions

void StoryboardView::duplicateCurrent() {
  QString error;
  QString id;
  if (!m_document->duplicateShot(m_selected, &error, &id)) {
    emit editFailed(error);
    return;
  }
  selectShot(id);
}

bool StoryboardView::deleteSelection(QString* error) {
  const QStringList ids = selectedShots();
  if (ids.isEmpty()) {
    const QString reason = tr("Select the shots to delete first.");
    if (error != nullptr) *error = reason;
    emit editFailed(reason);
    return false;
  }
  // Afterwards select the shot after the last deleted one (or before the first), so Delete can go on.
  const QStringList order = m_document->project().shotIds();
  QString neighbour;
  for (qsizetype i = order.indexOf(ids.last()) + 1; i < order.size() && neighbour.isEmpty(); ++i)
    if (!ids.contains(order.at(i))) neighbour = order.at(i);
  for (qsizetype i = order.indexOf(ids.first()) - 1; i >= 0 && neighbour.isEmpty(); --i)
    if (!ids.contains(order.at(i))) neighbour = order.at(i);
  QString reason;
  if (!m_document->removeShots(ids, &reason)) {
    if (error != nullptr) *error = reason;
    emit editFailed(reason);
    return false;
  }
  selectShot(neighbour);
  return true;
}

bool StoryboardView::splitAtPlayhead(const QString& shotId, QString* error) {
  const model::Project& project = m_document->project();
  const auto start = project.shotStart_s(shotId);
  const model::Shot* shot = project.findShot(shotId);
  // On a millisecond grid, so sums of 0.1 s steps do not leave 0.30000000000000004 s behind.
  const double at_s = start ? std::round((m_playhead_s - *start) * 1000.0) / 1000.0 : 0.0;
  QString reason;
  if (shot == nullptr || at_s <= 0.0 || at_s >= shot->duration_s) {
    reason = tr("Place the playhead inside shot %1 to split it.").arg(shotId);
  } else if (QString newId; m_document->splitShot(shotId, at_s, &reason, &newId)) {
    return true;
  }
  if (error != nullptr) *error = reason;
  emit editFailed(reason);
  return false;
}

}  // namespace shotcraft::ui
