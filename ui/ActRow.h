#pragma once
// One act on the storyboard: a band with the act number, its editable title, its shot count and length,
// an "Add Shot" button, and the act's shots as a horizontal strip of cards.
#include <QString>
#include <QWidget>
#include <vector>

class QLabel;
class QLineEdit;
class QHBoxLayout;
class QScrollArea;
class QToolButton;

namespace shotcraft::model {
struct Act;
struct Shot;
}  // namespace shotcraft::model

namespace shotcraft::ui {

class ShotCard;

class ActRow : public QWidget {
  Q_OBJECT
 public:
  explicit ActRow(int act, QWidget* parent = nullptr);

  int actIndex() const { return m_act; }
  // Rebuilds the cards. firstNumber: play-order number of the act's first shot (1-based).
  void setAct(const model::Act& act, int firstNumber, const QString& selectedShot);
  void updateShot(const model::Shot& shot, int number);  // refreshes one card in place
  void updateHeader(const model::Act& act);              // title and totals only
  void setSelectedShot(const QString& shotId);
  ShotCard* card(const QString& shotId) const;  // nullptr when the shot is not in this act
  const std::vector<ShotCard*>& cards() const { return m_cards; }
  QLineEdit* titleEdit() const { return m_titleEdit; }
  void ensureVisible(const QString& shotId);

 signals:
  void titleEdited(int act, const QString& title);
  void addShotClicked(int act);
  void cardClicked(const QString& shotId);
  void cardContextMenu(const QString& shotId, const QPoint& globalPos);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void fitTitleWidth();

  int m_act;
  int m_shotCount = 0;
  double m_duration_s = 0.0;
  QLabel* m_badge;
  QLineEdit* m_titleEdit;
  QLabel* m_stats;
  QToolButton* m_addButton;
  QScrollArea* m_strip;
  QWidget* m_stripContent;
  QHBoxLayout* m_cardLayout;
  QLabel* m_emptyHint;
  std::vector<ShotCard*> m_cards;
};

}  // namespace shotcraft::ui
