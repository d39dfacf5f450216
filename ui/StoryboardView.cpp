#include "ui/StoryboardView.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QVBoxLayout>

#include "ui/ActRow.h"
#include "ui/ProjectDocument.h"
#include "ui/ShotCard.h"

namespace shotcraft::ui {

StoryboardView::StoryboardView(ProjectDocument* document, QWidget* parent)
    : QScrollArea(parent), m_document(document) {
  setObjectName(QStringLiteral("StoryboardView"));
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
  auto* content = new QWidget(this);
  content->setObjectName(QStringLiteral("StoryboardContent"));
  auto* layout = new QVBoxLayout(content);
  layout->setContentsMargins(14, 14, 14, 14);
  layout->setSpacing(12);
  for (int act = 0; act < static_cast<int>(m_rows.size()); ++act) {
    auto* row = new ActRow(act, content);
    m_rows[act] = row;
    layout->addWidget(row);
    connect(row, &ActRow::cardClicked, this, &StoryboardView::selectShot);
    connect(row, &ActRow::addShotClicked, this, &StoryboardView::addShot);
    connect(row, &ActRow::titleEdited, this, [this](int index, const QString& title) {
      QString error;
      if (!m_document->setActTitle(index, title, &error)) emit editFailed(error);
    });
    connect(row->titleEdit(), &QLineEdit::editingFinished, this, &StoryboardView::refreshActTitles);  // drop refused text
    connect(row, &ActRow::cardContextMenu, this, [this](const QString& shotId, const QPoint& globalPos) {
      selectShot(shotId);
      if (m_cardActions.isEmpty()) return;
      QMenu menu(this);
      menu.addActions(m_cardActions);
      menu.exec(globalPos);
    });
  }
  layout->addStretch(1);
  setWidget(content);

  connect(m_document, &ProjectDocument::projectReset, this, [this] {
    m_selected.clear();
    rebuild();
    emit selectionChanged(m_selected);
  });
  connect(m_document, &ProjectDocument::structureChanged, this, &StoryboardView::rebuild);
  connect(m_document, &ProjectDocument::shotChanged, this, &StoryboardView::refreshShot);
  connect(m_document, &ProjectDocument::actsChanged, this, &StoryboardView::refreshActTitles);
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

void StoryboardView::selectShot(const QString& shotId) {
  const QString id = m_document->project().findShot(shotId) != nullptr ? shotId : QString();
  if (id == m_selected) return;
  m_selected = id;
  for (ActRow* row : m_rows) row->setSelectedShot(id);
  if (const auto where = m_document->project().locate(id)) m_rows[where->act]->ensureVisible(id);
  emit selectionChanged(id);
}

void StoryboardView::rebuild() {
  const model::Project& project = m_document->project();
  int number = 1;
  for (int act = 0; act < static_cast<int>(m_rows.size()); ++act) {
    m_rows[act]->setAct(project.act(act), number, m_selected);
    number += static_cast<int>(project.act(act).shots.size());
  }
  if (!m_selected.isEmpty() && project.findShot(m_selected) == nullptr) {  // the selected shot was removed
    m_selected.clear();
    emit selectionChanged(m_selected);
  }
}

void StoryboardView::refreshShot(const QString& shotId) {
  const model::Project& project = m_document->project();
  const auto where = project.locate(shotId);
  const model::Shot* shot = project.findShot(shotId);
  if (!where || shot == nullptr) return;
  const int number = project.shotIds().indexOf(shotId) + 1;
  m_rows[where->act]->updateShot(*shot, number);
  m_rows[where->act]->updateHeader(project.act(where->act));  // the duration feeds the act's total
}

void StoryboardView::refreshActTitles() {
  for (int act = 0; act < static_cast<int>(m_rows.size()); ++act)
    m_rows[act]->updateHeader(m_document->project().act(act));
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

}  // namespace shotcraft::ui
