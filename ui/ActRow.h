#pragma once
// One act on the timeline: a labelled band with the act number, its editable title, its shot count and length,
// an "Add Shot" button, and a lane where the act's shots sit as clips at their place in time (x = start × zoom,
// width = duration × zoom). Acts follow each other in time, so the second act's clips start where the first
// act's end.
#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

class QLabel;
class QLineEdit;
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

  static QColor accentColor(int act);

  int actIndex() const { return m_act; }
  // Rebuilds the clips. firstNumber: play-order number of the act's first shot (1-based).
  void setAct(const model::Act& act, int firstNumber);
  void updateShot(const model::Shot& shot, int number);  // refreshes one clip in place
  void updateHeader(const model::Act& act);              // title and totals only
  void setSelection(const QStringList& shotIds);
  // Places the clips: the act starts at actStart_s on a timeline of pixelsPerSecond.
  void layoutClips(double actStart_s, double pixelsPerSecond);

  ShotCard* card(const QString& shotId) const;  // nullptr when the shot is not in this act
  const std::vector<ShotCard*>& cards() const { return m_cards; }
  QLineEdit* titleEdit() const { return m_titleEdit; }
  QWidget* lane() const { return m_lane; }
  double actStart_s() const { return m_start_s; }
  double duration_s() const { return m_duration_s; }
  int laneX(double time_s) const;  // lane x of a time on the timeline
  // Keeps the header (title, totals, Add Shot) in view while the timeline scrolls: px the band is scrolled by.
  void setHeaderOffset(int px);
  QWidget* header() const { return m_header; }

  // Where a clip dropped at lane x lands: the row among the act's other clips (the one moving left out, as
  // ProjectDocument::moveShot counts), and the lane x of that gap in *gapX.
  int dropRow(int x, const QString& movingShot, int* gapX = nullptr) const;

 signals:
  void titleEdited(int act, const QString& title);
  void addShotClicked(int act);
  void cardCreated(ShotCard* card);  // connect its gestures

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void retranslate();
  void fitTitleWidth();
  void paintLane();
  void placeHeader();

  int m_act;
  int m_shotCount = 0;
  double m_duration_s = 0.0;
  double m_start_s = 0.0;
  double m_pixelsPerSecond = 1.0;
  int m_headerOffset_px = 0;
  QWidget* m_header;
  QLabel* m_badge;
  QLineEdit* m_titleEdit;
  QLabel* m_stats;
  QToolButton* m_addButton;
  QWidget* m_lane;
  QLabel* m_emptyHint;
  std::vector<ShotCard*> m_cards;
};

}  // namespace shotcraft::ui
