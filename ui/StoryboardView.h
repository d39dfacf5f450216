#pragma once
// The central storyboard: the three acts as bands, each with its shots as cards. Click a card to select the
// shot; the context menu offers the actions given to setCardActions(). Follows the ProjectDocument's signals.
#include <QList>
#include <QScrollArea>
#include <QString>
#include <array>

class QAction;

namespace shotcraft::ui {

class ActRow;
class ProjectDocument;
class ShotCard;

class StoryboardView : public QScrollArea {
  Q_OBJECT
 public:
  explicit StoryboardView(ProjectDocument* document, QWidget* parent = nullptr);

  const QString& selectedShot() const { return m_selected; }
  void selectShot(const QString& shotId);  // "" clears; unknown ids clear too
  void setCardActions(const QList<QAction*>& actions) { m_cardActions = actions; }

  ActRow* actRow(int act) const;
  ShotCard* card(const QString& shotId) const;
  int cardCount() const;

 signals:
  void selectionChanged(const QString& shotId);
  void editFailed(const QString& message);

 private:
  void rebuild();
  void refreshShot(const QString& shotId);
  void refreshActTitles();
  void addShot(int act);

  ProjectDocument* m_document;
  std::array<ActRow*, 3> m_rows{};
  QString m_selected;
  QList<QAction*> m_cardActions;
};

}  // namespace shotcraft::ui
