#pragma once
// The "Camera" dock: the selected shot's camera path. The canvas shows the keyframe image with the camera's path
// (Bezier anchors and handles to drag), a mini ruler shows the keyframes over the shot's time, the selected
// keyframe's values and its segment's easing are edited below, "Play motion" moves the camera frame along the path
// with a timer (no engine, no model change), and a plot shows zoom, pan and roll against time.
// Every change goes through ProjectDocument::setShotCamera; one drag is one undo step.
#include <QElapsedTimer>
#include <QImage>
#include <QString>
#include <QWidget>
#include <functional>

#include "core/model/CameraPath.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace shotcraft::ui {

class CameraCurvePlot;
class CameraPathCanvas;
class CameraTimeRuler;
class ProjectDocument;

class CameraPathEditor : public QWidget {
  Q_OBJECT
 public:
  // The picture behind the path for a shot (its selected take's first frame); a null image gives a neutral frame.
  using BackgroundProvider = std::function<QImage(const QString& shotId)>;

  explicit CameraPathEditor(ProjectDocument* document, QWidget* parent = nullptr);

  const QString& shotId() const { return m_shotId; }
  void setShot(const QString& shotId);  // "" shows the "select a shot" hint
  void setBackgroundProvider(BackgroundProvider provider);
  void refreshBackground();
  QString lastError() const;

  int selectedKey() const;
  void selectKey(int key);
  // Adds a keyframe at t_s with the path's value there (an empty path gets keys at 0 and at the shot's end).
  bool addKeyframe(double t_s);
  bool removeSelectedKeyframe();

  // Motion preview: moves the camera frame along the path in real time, looping; the model is not touched.
  void play();
  void stop();
  bool isPlaying() const;
  double playheadTime() const { return m_playhead_s; }
  static constexpr int kPlayInterval_ms = 33;

  CameraPathCanvas* canvas() const { return m_canvas; }
  CameraTimeRuler* ruler() const { return m_ruler; }
  CameraCurvePlot* curvePlot() const { return m_plot; }
  QComboBox* easingCombo() const { return m_easing; }
  QToolButton* playButton() const { return m_play; }
  QToolButton* addKeyButton() const { return m_addKey; }
  QToolButton* removeKeyButton() const { return m_removeKey; }
  QDoubleSpinBox* valueSpin(model::CameraChannel channel) const;
  QDoubleSpinBox* timeSpin() const { return m_time; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QWidget* buildPage();
  QWidget* buildKeyRow(QWidget* parent);
  void connectEditors();
  void refresh();
  void showSelection();
  void setPlayhead(double t_s, bool showCamera);
  void tick();
  bool commit(const model::CameraPath& path, const QString& gesture);
  void editSelected(const std::function<void(model::CameraKeyframe&)>& change, const QString& field);
  double duration() const;
  void retranslate();

  ProjectDocument* m_document;
  QString m_shotId;
  BackgroundProvider m_background;
  QStackedWidget* m_pages;
  QLabel* m_emptyHint;
  QLabel* m_heading = nullptr;
  CameraPathCanvas* m_canvas = nullptr;
  CameraTimeRuler* m_ruler = nullptr;
  CameraCurvePlot* m_plot = nullptr;
  QToolButton* m_addKey = nullptr;
  QToolButton* m_removeKey = nullptr;
  QToolButton* m_play = nullptr;
  QLabel* m_easingLabel = nullptr;
  QComboBox* m_easing = nullptr;
  QLabel* m_clock = nullptr;
  QLabel* m_keyLabel = nullptr;
  QLabel* m_timeLabel = nullptr;
  QDoubleSpinBox* m_time = nullptr;
  QLabel* m_valueLabels[4] = {};
  QDoubleSpinBox* m_values[4] = {};  // pan x, pan y, zoom, roll (CameraChannel order)
  QLabel* m_error = nullptr;
  QTimer* m_timer;
  QElapsedTimer m_playClock;
  double m_playFrom_s = 0.0;
  double m_playhead_s = 0.0;
};

}  // namespace shotcraft::ui
