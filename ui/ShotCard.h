#pragma once
// One shot on the timeline: a clip whose width is its duration (ActRow sets it from the zoom), with its number
// and title, the selected take's thumbnail with a freshness mark, duration and seed, and the start of the prompt.
// Until the shot has a rendered take the thumbnail area says so; it never shows a stand-in picture.
//
// The clip turns mouse gestures into signals and leaves the edits to the view: a press selects (clicked), a drag
// of the body moves the clip (moveDragged / moveDropped / moveCancelled on Escape), a drag of the right edge
// resizes it (resizeStarted / resizeDragged with the wanted width / resizeFinished).
#include <QColor>
#include <QFrame>
#include <QImage>
#include <QPoint>
#include <QString>

#include "ui/RenderFreshness.h"

class QLabel;

namespace shotcraft::model {
struct Shot;
}

namespace shotcraft::ui {

class ShotCard : public QFrame {
  Q_OBJECT
 public:
  // The thumbnail image a card wants from the renderer; it is drawn scaled down to fit the clip.
  static constexpr int kWidth_px = 212;
  static constexpr int kThumbnailHeight_px = 108;
  static constexpr int kHeight_px = 156;          // every clip has this height
  static constexpr int kThumbnailBox_px = 68;     // height of the thumbnail area inside the clip
  static constexpr int kEdgeGrip_px = 7;          // the right-edge strip that resizes
  static constexpr int kMinWidth_px = 4;          // a clip stays grabbable at any zoom

  explicit ShotCard(const QString& shotId, QWidget* parent = nullptr);

  const QString& shotId() const { return m_shotId; }
  // number: 1-based place in play order.
  void setShot(const model::Shot& shot, int number);
  double duration_s() const { return m_duration_s; }
  void setSelected(bool selected);
  bool isSelected() const { return m_selected; }
  void setAccent(const QColor& colour);
  bool isDragging() const { return m_gesture == Gesture::Move; }

  // The selected take's first frame (null: none on disk) and how it relates to the shot's current settings.
  void setRenderState(Freshness freshness, const QImage& thumbnail);
  Freshness freshness() const { return m_freshness; }
  bool hasThumbnail() const { return !m_thumbnailImage.isNull(); }
  QString freshnessText() const;  // "" for Freshness::None

  QString thumbnailText() const;
  QString metaText() const;
  bool isOnResizeEdge(const QPoint& localPos) const;

 signals:
  void clicked(const QString& shotId, Qt::MouseButton button, Qt::KeyboardModifiers modifiers);
  void contextMenuRequested(const QString& shotId, const QPoint& globalPos);
  void moveDragged(const QString& shotId, const QPoint& globalPos);
  void moveDropped(const QString& shotId, const QPoint& globalPos);
  void moveCancelled(const QString& shotId);
  void resizeStarted(const QString& shotId);
  void resizeDragged(const QString& shotId, int width_px);
  void resizeFinished(const QString& shotId);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  enum class Gesture { None, Pending, Move, Resize };
  void retranslate();
  void setHoverEdge(bool hover);

  QString m_shotId;
  bool m_selected = false;
  bool m_hoverEdge = false;
  int m_number = 0;
  double m_duration_s = 0.0;
  uint64_t m_seed = 0;
  int m_takeCount = 0;
  QString m_titleText;
  QString m_prompt;
  QColor m_accent;
  QLabel* m_number_label;
  QLabel* m_title;
  QLabel* m_thumbnail;
  QLabel* m_meta;
  QLabel* m_excerpt;
  QLabel* m_freshnessLabel;
  Freshness m_freshness = Freshness::None;
  QImage m_thumbnailImage;
  Gesture m_gesture = Gesture::None;
  QPoint m_pressPos;
  int m_pressWidth_px = 0;
};

}  // namespace shotcraft::ui
