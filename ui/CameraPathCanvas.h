#pragma once
// The drawing surface of the camera-path editor: the shot's keyframe image in a frame, the path of the camera
// rectangle's centre (pan x/y) as cubic Bezier segments with draggable anchors (keyframes) and handles, the camera
// rectangle (zoom, roll) of the selected keyframe, and, while motion plays, the rectangle at the playhead.
//
// Coordinates: the image frame is frameRect(); pan 1.0 is one frame width (x) or height (y), so a keyframe's anchor
// sits at frameRect().center() + (pan_x * width, pan_y * height). Handles are the keyframe's pan_x/pan_y Bezier
// offsets (CameraPath's "in"/"out"), drawn at anchor + offset in the same units; automatic handles are drawn where
// the model puts them (a third of the way to the neighbour). The wheel zooms the selected keyframe's camera (Shift:
// rolls it, 5 degrees a notch); Delete removes the selected keyframe.
#include <QImage>
#include <QWidget>
#include <optional>

#include "core/model/CameraPath.h"

namespace shotcraft::ui {

class CameraPathCanvas : public QWidget {
  Q_OBJECT
 public:
  enum class Part { None, Anchor, HandleIn, HandleOut };
  struct Hit {
    Part part = Part::None;
    int key = -1;
  };

  explicit CameraPathCanvas(QWidget* parent = nullptr);

  void setPath(const model::CameraPath& path);
  const model::CameraPath& path() const { return m_path; }
  void setFrameAspect(double widthOverHeight);
  void setBackground(const QImage& image);  // null: a neutral frame
  void setSelectedKey(int key);
  int selectedKey() const { return m_selected; }
  void setPreviewTime(std::optional<double> t_s);  // the playing camera; nullopt hides it
  std::optional<double> previewTime() const { return m_previewTime; }

  // Geometry in widget coordinates (for painting, hit tests and tests).
  QRectF frameRect() const;
  QPointF anchorPos(int key) const;
  QPointF handlePos(int key, Part part) const;  // HandleIn or HandleOut
  Hit hitTest(const QPointF& pos) const;
  // The camera rectangle's corners for channel values v (centre from pan, size from zoom, turned by roll).
  QPolygonF cameraPolygon(const model::ChannelValues& v) const;

  QSize sizeHint() const override { return {480, 300}; }
  QSize minimumSizeHint() const override { return {240, 150}; }

 signals:
  void keySelected(int key);
  // The path after a drag step; gesture is the same for every step of one drag (one undo step).
  void pathEdited(const model::CameraPath& path, const QString& gesture);
  void removeRequested();  // Delete or Backspace with a keyframe selected

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;  // selected key: zoom (Shift: roll)
  void keyPressEvent(QKeyEvent* event) override;

 private:
  double effectiveHandle(int key, Part part, model::CameraChannel channel) const;
  void dragTo(const QPointF& pos);

  model::CameraPath m_path;
  double m_aspect = 16.0 / 9.0;
  QImage m_background;
  int m_selected = -1;
  std::optional<double> m_previewTime;
  Hit m_drag;
  QPointF m_dragStart;
  model::CameraPath m_dragStartPath;
  int m_dragCount = 0;
};

}  // namespace shotcraft::ui
