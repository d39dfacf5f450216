#pragma once
// One shot on the storyboard: title, a thumbnail area, duration, seed and the start of the prompt.
// Until the shot has a rendered take the thumbnail area says so; it never shows a stand-in picture.
#include <QFrame>
#include <QImage>
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
  static constexpr int kWidth_px = 212;
  static constexpr int kThumbnailHeight_px = 108;

  explicit ShotCard(const QString& shotId, QWidget* parent = nullptr);

  const QString& shotId() const { return m_shotId; }
  // number: 1-based place in play order.
  void setShot(const model::Shot& shot, int number);
  void setSelected(bool selected);
  bool isSelected() const { return m_selected; }

  // The selected take's first frame (null: none on disk) and how it relates to the shot's current settings.
  void setRenderState(Freshness freshness, const QImage& thumbnail);
  Freshness freshness() const { return m_freshness; }
  bool hasThumbnail() const { return !m_thumbnailImage.isNull(); }
  QString freshnessText() const;  // "" for Freshness::None

  QString thumbnailText() const;
  QString metaText() const;

 signals:
  void clicked(const QString& shotId);
  void contextMenuRequested(const QString& shotId, const QPoint& globalPos);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QString m_shotId;
  bool m_selected = false;
  int m_number = 0;
  double m_duration_s = 0.0;
  uint64_t m_seed = 0;
  int m_takeCount = 0;
  QString m_prompt;
  QLabel* m_number_label;
  QLabel* m_title;
  QLabel* m_thumbnail;
  QLabel* m_meta;
  QLabel* m_excerpt;
  QLabel* m_freshnessLabel;
  Freshness m_freshness = Freshness::None;
  QImage m_thumbnailImage;
};

}  // namespace shotcraft::ui
