#include "ui/StoryboardView.h"

#include <QAction>
#include <QEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QResizeEvent>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "ui/ActRow.h"
#include "ui/ProjectDocument.h"
#include "ui/ShotCard.h"
#include "ui/TimelineGeometry.h"
#include "ui/TimelineOverlay.h"
#include "ui/TimelineRuler.h"

namespace shotcraft::ui {

using namespace timeline;

namespace {
constexpr int kBandRightMargin_px = 12;  // ActRow's layout margin after the lane
}

StoryboardView::StoryboardView(ProjectDocument* document, QWidget* parent)
    : QScrollArea(parent),
      m_document(document),
      m_content(new QWidget(this)),
      m_ruler(new TimelineRuler(m_content)),
      m_overlay(nullptr),
      m_pixelsPerSecond(kDefaultPixelsPerSecond) {
  setObjectName(QStringLiteral("StoryboardView"));
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
  setFocusPolicy(Qt::StrongFocus);
  m_content->setObjectName(QStringLiteral("StoryboardContent"));
  auto* layout = new QVBoxLayout(m_content);
  layout->setContentsMargins(kContentMargin_px, 6, kContentMargin_px, kContentMargin_px);
  layout->setSpacing(10);
  layout->addWidget(m_ruler);
  for (int act = 0; act < static_cast<int>(m_rows.size()); ++act) {
    auto* row = new ActRow(act, m_content);
    m_rows[act] = row;
    layout->addWidget(row);
    connect(row, &ActRow::cardCreated, this, &StoryboardView::connectCard);
    connect(row, &ActRow::addShotClicked, this, &StoryboardView::addShot);
    connect(row, &ActRow::titleEdited, this, [this](int index, const QString& title) {
      QString error;
      if (!m_document->setActTitle(index, title, &error)) emit editFailed(error);
    });
    connect(row->titleEdit(), &QLineEdit::editingFinished, this, &StoryboardView::refreshActTitles);  // drop refused text
  }
  layout->addStretch(1);
  m_overlay = new TimelineOverlay(m_content);  // last, so it is drawn above the bands
  setWidget(m_content);
  m_ruler->installEventFilter(this);  // the playhead line follows the ruler's place
  connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
    for (ActRow* row : m_rows) row->setHeaderOffset(value - row->x());  // act titles stay in view
  });
  connect(m_ruler, &TimelineRuler::playheadRequested, this, &StoryboardView::setPlayheadSeconds);
  createActions();

  connect(m_document, &ProjectDocument::projectReset, this, [this] {
    applySelection(QString(), {});
    m_anchor.clear();
    m_ruler->setBeats(m_document->project().beats_s());
    rebuild();
    setPlayheadSeconds(0.0);
    zoomToFit();  // all three acts in view (a hidden view fits when it is shown)
    horizontalScrollBar()->setValue(0);
    verticalScrollBar()->setValue(0);
  });
  connect(m_document, &ProjectDocument::structureChanged, this, &StoryboardView::rebuild);
  connect(m_document, &ProjectDocument::shotChanged, this, &StoryboardView::refreshShot);
  connect(m_document, &ProjectDocument::actsChanged, this, &StoryboardView::refreshActTitles);
  connect(m_document, &ProjectDocument::changed, this, [this] {
    if (m_ruler->beats_s() != m_document->project().beats_s()) m_ruler->setBeats(m_document->project().beats_s());
    updateActions();
  });
  m_ruler->setBeats(m_document->project().beats_s());
  rebuild();
}

ActRow* StoryboardView::actRow(int act) const {
  return act >= 0 && act < static_cast<int>(m_rows.size()) ? m_rows[act] : nullptr;
}

ShotCard* StoryboardView::card(const QString& shotId) const {
  for (ActRow* row : m_rows)
    if (ShotCard* c = row->card(shotId)) return c;
  return nullptr;
}

int StoryboardView::cardCount() const {
  int count = 0;
  for (ActRow* row : m_rows) count += static_cast<int>(row->cards().size());
  return count;
}

// --- selection

QStringList StoryboardView::selectedShots() const {
  QStringList ordered;
  for (const QString& id : m_document->project().shotIds())
    if (m_selection.contains(id)) ordered << id;
  return ordered;
}

void StoryboardView::applySelection(const QString& current, QStringList selection) {
  const model::Project& project = m_document->project();
  selection.removeIf([&](const QString& id) { return project.findShot(id) == nullptr; });
  selection.removeDuplicates();
  const QString id = project.findShot(current) != nullptr ? current : QString();
  if (!id.isEmpty() && !selection.contains(id)) selection << id;
  const bool currentChanged = id != m_selected;
  const bool setChanged = selection != m_selection;
  m_selected = id;
  m_selection = selection;
  for (ActRow* row : m_rows) row->setSelection(m_selection);
  updateActions();
  if (currentChanged) emit selectionChanged(m_selected);
  if (setChanged || currentChanged) emit selectedShotsChanged(selectedShots());
}

void StoryboardView::selectShot(const QString& shotId) {
  const bool known = m_document->project().findShot(shotId) != nullptr;
  m_anchor = known ? shotId : QString();
  applySelection(shotId, known ? QStringList{shotId} : QStringList{});
  ShotCard* c = card(m_selected);
  if (c != nullptr && isVisible()) ensureWidgetVisible(c, 24, 8);  // hidden, the geometry is not laid out yet
}

void StoryboardView::clickShot(const QString& shotId, Qt::MouseButton button, Qt::KeyboardModifiers modifiers) {
  if (m_document->project().findShot(shotId) == nullptr) return;
  if (modifiers & Qt::ControlModifier) {
    QStringList selection = m_selection;
    if (selection.removeAll(shotId) == 0) {
      selection << shotId;
      m_anchor = shotId;
      applySelection(shotId, selection);
    } else {
      applySelection(m_selected == shotId ? (selection.isEmpty() ? QString() : selection.last()) : m_selected,
                     selection);
    }
    return;
  }
  if ((modifiers & Qt::ShiftModifier) && !m_anchor.isEmpty()) {
    const QStringList order = m_document->project().shotIds();
    const qsizetype a = order.indexOf(m_anchor);
    const qsizetype b = order.indexOf(shotId);
    if (a >= 0 && b >= 0) {
      applySelection(shotId, order.mid(std::min(a, b), std::abs(b - a) + 1));
      return;
    }
  }
  if (button == Qt::RightButton && m_selection.contains(shotId)) {
    applySelection(shotId, m_selection);  // keep the group for the context menu
    return;
  }
  m_anchor = shotId;
  applySelection(shotId, {shotId});
}

// --- building and placing the clips

void StoryboardView::rebuild() {
  const model::Project& project = m_document->project();
  int number = 1;
  for (int act = 0; act < static_cast<int>(m_rows.size()); ++act) {
    m_rows[act]->setAct(project.act(act), number);
    number += static_cast<int>(project.act(act).shots.size());
  }
  relayout();
  applySelection(m_selected, m_selection);  // drops removed shots, marks the new clips
}

void StoryboardView::refreshShot(const QString& shotId) {
  const model::Project& project = m_document->project();
  const auto where = project.locate(shotId);
  const model::Shot* shot = project.findShot(shotId);
  if (!where || shot == nullptr) return;
  const int number = static_cast<int>(project.shotIds().indexOf(shotId)) + 1;
  m_rows[where->act]->updateShot(*shot, number);
  m_rows[where->act]->updateHeader(project.act(where->act));  // the duration feeds the act's total
  relayout();  // a new duration moves every later clip
}

void StoryboardView::refreshActTitles() {
  for (int act = 0; act < static_cast<int>(m_rows.size()); ++act)
    m_rows[act]->updateHeader(m_document->project().act(act));
}

void StoryboardView::relayout() {
  const model::Project& project = m_document->project();
  std::array<double, 3> ends{};
  double start_s = 0.0;
  for (int act = 0; act < static_cast<int>(m_rows.size()); ++act) {
    m_rows[act]->layoutClips(start_s, m_pixelsPerSecond);
    start_s += project.act(act).duration_s();
    ends[act] = start_s;
  }
  const int lane_px = static_cast<int>(std::lround(start_s * m_pixelsPerSecond)) + kTrailing_px;
  for (ActRow* row : m_rows) row->lane()->setMinimumWidth(lane_px);
  const int content_px = 2 * kContentMargin_px + kBandInset_px + lane_px + kBandRightMargin_px;
  m_content->setMinimumWidth(content_px);
  // Shrink at once too (the scroll area would only catch up on its next layout pass).
  m_content->resize(std::max(content_px, viewport()->width()), m_content->height());
  m_ruler->setPixelsPerSecond(m_pixelsPerSecond);
  m_ruler->setActEnds(ends);
  if (m_playhead_s > start_s) setPlayheadSeconds(start_s);
  updatePlayheadLine();
}

void StoryboardView::addShot(int act) {
  QString error;
  QString id;
  if (!m_document->addShot(act, -1, &error, &id)) {
    emit editFailed(error);
    return;
  }
  selectShot(id);
}

// --- zoom

void StoryboardView::setPixelsPerSecond(double pixelsPerSecond) {
  m_fitToWidth = false;  // the user's zoom from now on
  applyZoom(pixelsPerSecond);
}

void StoryboardView::applyZoom(double pixelsPerSecond) {
  const double zoom = clampZoom(pixelsPerSecond);
  if (zoom == m_pixelsPerSecond) return;
  m_pixelsPerSecond = zoom;
  relayout();
  updateActions();
  emit zoomChanged(m_pixelsPerSecond);
}

void StoryboardView::zoomIn() { setPixelsPerSecond(m_pixelsPerSecond * kZoomStep); }

void StoryboardView::zoomOut() { setPixelsPerSecond(m_pixelsPerSecond / kZoomStep); }

void StoryboardView::zoomToFit() {
  m_fitToWidth = true;
  if (isVisible()) fitToWidth();  // else the resize that comes with showing the view fits it
}

void StoryboardView::fitToWidth() {
  const double total_s = m_document->project().totalDuration_s();
  if (total_s <= 0.0) return;
  const int room_px = viewport()->width() - 2 * kContentMargin_px - kBandInset_px - kBandRightMargin_px - 24;
  applyZoom(std::max(1, room_px) / total_s);
  horizontalScrollBar()->setValue(0);
}

void StoryboardView::resizeEvent(QResizeEvent* event) {
  QScrollArea::resizeEvent(event);
  if (m_fitToWidth && event->size().width() != event->oldSize().width()) fitToWidth();
}

void StoryboardView::wheelEvent(QWheelEvent* event) {
  if (!(event->modifiers() & Qt::ControlModifier) || event->angleDelta().y() == 0) {
    QScrollArea::wheelEvent(event);
    return;
  }
  // Keep the moment under the pointer where it is.
  const int viewportX = static_cast<int>(event->position().x());
  const int contentX = viewportX + horizontalScrollBar()->value();
  const double anchor_s = m_ruler->timeForX(contentX - m_ruler->x());
  if (event->angleDelta().y() > 0) zoomIn();
  else zoomOut();
  horizontalScrollBar()->setValue(m_ruler->x() + m_ruler->xForTime(anchor_s) - viewportX);
  event->accept();
}

// --- playhead

void StoryboardView::setPlayheadSeconds(double seconds) {
  const double t = std::clamp(std::isfinite(seconds) ? seconds : 0.0, 0.0, m_document->project().totalDuration_s());
  if (t == m_playhead_s) return;
  m_playhead_s = t;
  m_ruler->setPlayhead(t);
  updatePlayheadLine();
  updateActions();
  emit playheadChanged(t);
}

QString StoryboardView::shotAtPlayhead() const {
  const model::Project& project = m_document->project();
  for (const QString& id : project.shotIds()) {
    const double start = project.shotStart_s(id).value_or(0.0);
    if (m_playhead_s >= start && m_playhead_s < start + project.findShot(id)->duration_s) return id;
  }
  return QString();
}

void StoryboardView::updatePlayheadLine() {
  m_ruler->setPlayhead(m_playhead_s);
  m_overlay->setPlayheadX(m_ruler->x() + m_ruler->xForTime(m_playhead_s), m_ruler->geometry().bottom() + 1);
}

bool StoryboardView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_ruler && (event->type() == QEvent::Move || event->type() == QEvent::Resize)) updatePlayheadLine();
  return QScrollArea::eventFilter(watched, event);
}

void StoryboardView::keyPressEvent(QKeyEvent* event) {
  if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && !m_selection.isEmpty()) {
    deleteSelection();
    event->accept();
    return;
  }
  QScrollArea::keyPressEvent(event);
}

void StoryboardView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QScrollArea::changeEvent(event);
}

}  // namespace shotcraft::ui
